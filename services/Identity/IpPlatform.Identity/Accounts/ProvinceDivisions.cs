namespace IpPlatform.Identity.Accounts;

/// <summary>
/// The divisions of the provincial office that decide on a call's tracks, named exactly as the calls name
/// them (<c>divisionZh</c>): a province account's <c>division</c> claims are matched against those names.
/// </summary>
public static class ProvinceDivisions
{
    public const string Protection = "省知识产权局知识产权保护处";
    public const string IndustryPromotion = "省知识产权局产业促进处";
    public const string Services = "省知识产权局知识产权服务处";

    public static readonly IReadOnlyList<string> All = [Protection, IndustryPromotion, Services];
}
