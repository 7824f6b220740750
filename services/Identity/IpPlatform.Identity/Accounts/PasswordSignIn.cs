using Microsoft.AspNetCore.Identity;

namespace IpPlatform.Identity.Accounts;

/// <summary>
/// The one check of a user name and password, shared by the password grant and the login page: an
/// unknown, deactivated or locked-out account and a wrong password all give null, so neither caller can
/// tell them apart to the person trying; each failure counts towards the lockout.
/// </summary>
public static class PasswordSignIn
{
    /// <summary>The account, or null when it may not sign in with this password now.</summary>
    public static async Task<Account?> CheckAsync(this UserManager<Account> users, string? userName, string? password)
    {
        var account = await users.FindByNameAsync(userName?.Trim() ?? "");
        if (account is null || !await users.CanSignInAsync(account)) return null;
        if (!await users.CheckPasswordAsync(account, password ?? ""))
        {
            await users.AccessFailedAsync(account); // the fifth failure in a row locks the account
            return null;
        }
        await users.ResetAccessFailedCountAsync(account);
        return account;
    }

    /// <summary>Whether the account may get tokens now: active and not locked out.</summary>
    public static async Task<bool> CanSignInAsync(this UserManager<Account> users, Account account) =>
        account.IsActive && !await users.IsLockedOutAsync(account);
}
