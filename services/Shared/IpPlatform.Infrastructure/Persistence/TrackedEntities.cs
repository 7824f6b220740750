using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace IpPlatform.Infrastructure.Persistence;

public static class TrackedEntities
{
    /// <summary>
    /// The entities of type <typeparamref name="T"/> added to the context and not yet saved, without the change
    /// detection <see cref="ChangeTracker.Entries{TEntity}"/> runs first: an added entity is tracked as Added from the
    /// moment it is added, and SaveChanges detects changes itself right after its interceptors. The save interceptors
    /// ask this on every save; with detection, every save compared every tracked entity with its snapshot two more times.
    /// </summary>
    public static List<T> Added<T>(this ChangeTracker tracker) where T : class
    {
        var detect = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try { return tracker.Entries<T>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList(); }
        finally { tracker.AutoDetectChangesEnabled = detect; }
    }
}
