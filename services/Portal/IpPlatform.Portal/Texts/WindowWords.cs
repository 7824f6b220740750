namespace IpPlatform.Portal.Texts;

/// <summary>The window check's words for scanning: the QR code by a handheld scanner, a link or the device's camera.</summary>
static class WindowWords
{
    public static readonly Words All = new(Chinese(), English());

    static Dictionary<string, string> Chinese() => new()
    {
        ["windowscan.hint"] = "输入纸质申报书上印的 64 位指纹，或用扫码枪扫描申报书上的二维码；大小写均可，可含空格或短横线。",
        ["windowscan.none"] = "未能识别指纹：请输入 64 位指纹（0–9、a–f），或扫描纸质申报书上的二维码。",
        ["windowscan.several"] = "输入内容包含多个不同的指纹，请只输入或扫描一份申报书。",
        ["windowscan.scan"] = "扫描二维码",
        ["windowscan.camera"] = "摄像头画面",
        ["windowscan.aim"] = "请将纸质申报书上的二维码对准摄像头。",
        ["windowscan.unavailable"] = "无法使用摄像头，请用扫码枪扫描或手动输入指纹。",
        ["windowscan.stop"] = "停止扫描",
    };

    static Dictionary<string, string> English() => new()
    {
        ["windowscan.hint"] = "Type the 64-digit fingerprint printed on the paper form, or scan the form's QR code with a scanner; any case, spaces or dashes allowed.",
        ["windowscan.none"] = "No fingerprint recognised: type the 64 digits (0–9, a–f) or scan the QR code on the paper form.",
        ["windowscan.several"] = "This contains more than one different fingerprint; type or scan one form only.",
        ["windowscan.scan"] = "Scan QR code",
        ["windowscan.camera"] = "Camera view",
        ["windowscan.aim"] = "Hold the QR code on the paper form in front of the camera.",
        ["windowscan.unavailable"] = "The camera cannot be used; scan with a scanner or type the fingerprint.",
        ["windowscan.stop"] = "Stop scanning",
    };
}
