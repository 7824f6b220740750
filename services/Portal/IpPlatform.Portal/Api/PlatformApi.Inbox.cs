using System.Net.Http.Json;
using Microsoft.Extensions.Caching.Memory;

namespace IpPlatform.Portal.Api;

/// <summary>The signed-in person's notifications, from the delivery service's inbox.</summary>
public sealed partial class PlatformApi
{
    /// <summary>How long an account's unread count is reused by the layout (every page shows it).</summary>
    public static readonly TimeSpan UnreadCountFor = TimeSpan.FromSeconds(15);

    /// <summary>The most the delivery service returns at once (it clamps <c>take</c> to 1–200 and has no further pages).</summary>
    public const int InboxMaxTake = 200;

    /// <summary>The newest <paramref name="take"/> notifications (only the unread when asked); null when the service cannot answer.</summary>
    public async Task<InboxPage?> InboxAsync(bool unreadOnly, int take, CancellationToken ct = default)
    {
        var path = $"/api/notifications?take={Math.Clamp(take, 1, InboxMaxTake)}" + (unreadOnly ? "&unread=true" : "");
        using var response = await http.GetAsync(path, ct);
        if (!response.IsSuccessStatusCode) return null;
        return await response.Content.ReadFromJsonAsync<InboxPage>(Json, ct);
    }

    /// <summary>Marks one notification read for this account; 404 when it is not this account's.</summary>
    public async Task<ApiOutcome> MarkNotificationReadAsync(Guid id, CancellationToken ct = default)
    {
        using var response = await http.PostAsync($"/api/notifications/{id}/read", content: null, ct);
        return response.IsSuccessStatusCode ? ApiOutcome.Success : await OutcomeOf(response, ct);
    }

    /// <summary>
    /// The account's unread count for the layout's link, fetched at most once per <see cref="UnreadCountFor"/> per
    /// account (one small request: the count comes with a one-item page). Null when the delivery service did not answer:
    /// the link then shows no number rather than failing the page, and that too is kept, so an absent service is not
    /// asked again on every page.
    /// </summary>
    public async Task<int?> UnreadCountAsync(string account, CancellationToken ct = default) =>
        await cache.GetOrCreateAsync(UnreadKey(account), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = UnreadCountFor;
            try
            {
                return (await InboxAsync(unreadOnly: true, take: 1, ct))?.Unread;
            }
            catch (Exception) when (!ct.IsCancellationRequested)
            {
                // Whatever went wrong (service away, time-out, an answer that is not the inbox), the page still renders.
                return null;
            }
        });

    /// <summary>Keeps the count the inbox page just read (it is fresher than the cached one).</summary>
    public void RememberUnreadCount(string account, int unread) =>
        cache.Set(UnreadKey(account), (int?)unread, UnreadCountFor);

    /// <summary>After marking read, the next page asks again.</summary>
    public void ForgetUnreadCount(string account) => cache.Remove(UnreadKey(account));

    static string UnreadKey(string account) => $"inbox-unread:{account}";
}
