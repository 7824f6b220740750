using System.Net.Http.Json;

namespace IpPlatform.Portal.Api;

/// <summary>The finance department's calls to the funding service.</summary>
public sealed partial class PlatformApi
{
    /// <summary>Tranches of real calls, only those in <paramref name="status"/> when given (e.g. <c>Released</c>: what finance must pay).</summary>
    public async Task<IReadOnlyList<FinanceTrancheItem>> FinanceTranchesAsync(string? status, CancellationToken ct = default) =>
        await http.GetFromJsonAsync<List<FinanceTrancheItem>>(
            string.IsNullOrEmpty(status) ? "/api/funding/tranches" : $"/api/funding/tranches?status={Uri.EscapeDataString(status)}", Json, ct) ?? [];

    /// <summary>The funding agreement of an approved application with its tranches; null when there is none.</summary>
    public Task<FinanceAgreement?> FinanceAgreementAsync(Guid applicationId, CancellationToken ct = default) =>
        GetOrNullAsync<FinanceAgreement>($"/api/funding/{applicationId}", ct);

    /// <summary>Records the payment of a released tranche: the voucher and the date (the amount is the plan's).</summary>
    public Task<ApiOutcome> FinanceDisburseAsync(Guid trancheId, string? voucherNo, DateOnly? disbursedOn, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, $"/api/funding/tranches/{trancheId}/disbursements", new { voucherNo, disbursedOn }, ct);
}
