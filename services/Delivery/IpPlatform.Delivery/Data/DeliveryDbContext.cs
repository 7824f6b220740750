using IpPlatform.Delivery.Feed;
using IpPlatform.Delivery.Notifications;
using IpPlatform.Delivery.Webhooks;
using IpPlatform.Infrastructure.Audit;
using IpPlatform.Infrastructure.Messaging;
using IpPlatform.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace IpPlatform.Delivery.Data;

public class DeliveryDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<FeedEntry> Feed => Set<FeedEntry>();
    public DbSet<WebhookSubscription> Subscriptions => Set<WebhookSubscription>();
    public DbSet<WebhookDelivery> Deliveries => Set<WebhookDelivery>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<NotificationReceipt> Receipts => Set<NotificationReceipt>();
    public DbSet<OutgoingMail> Mails => Set<OutgoingMail>();
    public DbSet<AddressBookEntry> AddressBook => Set<AddressBookEntry>();
    public DbSet<KnownApplication> Applications => Set<KnownApplication>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<FeedEntry>(e =>
        {
            e.ToTable("Feed");
            e.HasKey(f => f.Sequence);
            e.Property(f => f.Sequence).ValueGeneratedOnAdd();
            e.HasIndex(f => f.EventId).IsUnique();
            e.HasIndex(f => new { f.Type, f.Sequence });
            e.HasIndex(f => f.RecordedAt); // replay from a point in time
            e.Property(f => f.Type).HasMaxLength(64);
            e.Property(f => f.Subject).HasMaxLength(64);
        });
        model.Entity<WebhookSubscription>(e =>
        {
            e.ToTable("Subscriptions");
            e.HasKey(s => s.Id);
            e.Property(s => s.OwnerAccountId).HasMaxLength(128);
            e.Property(s => s.OwnerName).HasMaxLength(128);
            e.Property(s => s.CallbackUrl).HasMaxLength(2000);
            e.Property(s => s.Secret).HasMaxLength(128);
            e.Property(s => s.PreviousSecret).HasMaxLength(128);
            e.HasIndex(s => s.OwnerAccountId);
        });
        model.Entity<WebhookDelivery>(e =>
        {
            e.ToTable("Deliveries");
            e.HasKey(d => d.Id);
            e.Property(d => d.EventType).HasMaxLength(64);
            e.Property(d => d.Status).HasConversion<string>().HasMaxLength(16);
            // The dispatcher's query: what is due, per subscription.
            e.HasIndex(d => new { d.Status, d.NextAttemptAt });
            e.HasIndex(d => new { d.SubscriptionId, d.FeedSequence });
            e.OwnsMany(d => d.Attempts, a => a.ToJson());
        });
        model.Entity<Notification>(e =>
        {
            e.ToTable("Notifications");
            e.HasKey(n => n.Id);
            e.Property(n => n.RecipientRole).HasMaxLength(32);
            e.Property(n => n.RecipientName).HasMaxLength(128);
            e.Property(n => n.RecipientOffice).HasMaxLength(6);
            e.Property(n => n.Kind).HasMaxLength(100);
            e.Property(n => n.Title).HasMaxLength(200);
            e.Property(n => n.Body).HasMaxLength(4000);
            e.Property(n => n.Link).HasMaxLength(2000);
            e.HasIndex(n => new { n.RecipientRole, n.RecipientName, n.RecipientOffice, n.VisibleFrom });
            // "Was this general notice (no application) already made?" before a call's reminders: answered by the index,
            // not by reading every notification ever made.
            e.HasIndex(n => new { n.ApplicationId, n.Kind });
        });
        model.Entity<NotificationReceipt>(e =>
        {
            e.ToTable("NotificationReceipts");
            e.HasKey(r => new { r.AccountName, r.NotificationId });
            e.Property(r => r.AccountName).HasMaxLength(128);
            e.HasOne<Notification>().WithMany().HasForeignKey(r => r.NotificationId);
        });
        model.Entity<OutgoingMail>(e =>
        {
            e.ToTable("OutgoingMails");
            e.HasKey(m => m.Id);
            e.Property(m => m.To).HasMaxLength(320);
            e.Property(m => m.Subject).HasMaxLength(200);
            e.Property(m => m.Body).HasMaxLength(8000);
            e.Property(m => m.LastError).HasMaxLength(500);
            e.HasIndex(m => new { m.SentAt, m.NotBefore });
        });
        model.Entity<AddressBookEntry>(e =>
        {
            e.ToTable("AddressBook");
            e.HasKey(a => a.AccountId);
            e.Property(a => a.AccountId).HasMaxLength(128);
            e.Property(a => a.UserName).HasMaxLength(128);
            e.Property(a => a.Role).HasMaxLength(32);
            e.Property(a => a.OfficeCode).HasMaxLength(6);
            e.Property(a => a.Email).HasMaxLength(320);
            // A notice's recipients: one applicant or expert by user name, an office by its code (AddressBookEntry.Of).
            e.HasIndex(a => new { a.Role, a.UserName });
            e.HasIndex(a => new { a.Role, a.OfficeCode });
        });
        model.Entity<KnownApplication>(e =>
        {
            e.ToTable("Applications");
            e.HasKey(a => a.ApplicationId);
            e.Property(a => a.CreditCode).HasMaxLength(18);
            e.Property(a => a.UnitName).HasMaxLength(200);
            e.Property(a => a.RegionCode).HasMaxLength(6);
            e.Property(a => a.TrackId).HasMaxLength(64);
        });
        model.AddOutboxAndInbox();
        model.AddAuditLog();
    }
}

// One subclass per provider so that each keeps its own migrations (Migrations/Sqlite, Migrations/SqlServer).
public sealed class SqliteDeliveryDbContext(DbContextOptions<SqliteDeliveryDbContext> options) : DeliveryDbContext(options);
public sealed class SqlServerDeliveryDbContext(DbContextOptions<SqlServerDeliveryDbContext> options) : DeliveryDbContext(options);

sealed class SqliteDesignFactory : IDesignTimeDbContextFactory<SqliteDeliveryDbContext>
{
    public SqliteDeliveryDbContext CreateDbContext(string[] args) => new(DesignTime.Sqlite<SqliteDeliveryDbContext>());
}

sealed class SqlServerDesignFactory : IDesignTimeDbContextFactory<SqlServerDeliveryDbContext>
{
    public SqlServerDeliveryDbContext CreateDbContext(string[] args) => new(DesignTime.SqlServer<SqlServerDeliveryDbContext>());
}
