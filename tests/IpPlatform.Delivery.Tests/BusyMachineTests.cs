using System.Net.Http.Json;
using System.Text.Json;
using IpPlatform.Delivery.Webhooks;
using IpPlatform.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace IpPlatform.Delivery.Tests;

/// <summary>
/// A service whose work may lag (Runtime:YieldAbovePercent, set by the AppHost) holds each event back while others at
/// normal priority keep the machine busy, and takes it once the machine is quiet: nothing is dropped.
/// </summary>
public sealed class BusyMachineTests
{
    // /proc/stat's first line and /proc/self/stat, as ServiceDefaults' MachineLoad reads them.
    static string Machine(long user, long idle) => $"cpu  {user} 0 0 {idle} 0 0 0 0 0 0";
    const string Own = "4242 (dotnet exec) S 1 1 1 0 -1 4194304 0 0 0 0 100 10 0 0 30 10 30 0 100 0 0";

    [Fact]
    public async Task An_event_waits_while_the_machine_is_busy_and_is_taken_once_it_is_quiet()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "the machine's load is read from Linux's /proc/stat");
        var machine = Machine(1000, 5000);
        var load = MachineLoad.ForTest(60, TimeSpan.FromMinutes(2), () => machine, () => Own);
        load.Refresh();
        machine = Machine(1095, 5005); // 95 % of the cores busy at normal priority
        load.Refresh();
        Assert.True(load.IsBusy);

        await using var service = new ServiceFactory<Program>("delivery-db")
        {
            Settings = new Dictionary<string, string> { ["Runtime:YieldAbovePercent"] = "60" },
            ConfigureServices = services =>
            {
                services.AddSingleton(load);
                services.AddSingleton(new CallbackAddressPolicy(allowLoopback: true));
            },
        };
        var county = service.CreateClient(TestAccounts.County(Samples.County));
        await service.PublishAsync(Samples.Submitted(Guid.NewGuid()));

        await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
        var held = await county.GetFromJsonAsync<JsonElement>("/api/notifications", TestContext.Current.CancellationToken);
        Assert.Equal(0, held.GetProperty("notifications").GetArrayLength());

        machine = Machine(1100, 5100); // 5 %
        load.Refresh();
        var inbox = await Eventually.Get(() => county.GetFromJsonAsync<JsonElement>("/api/notifications")!,
            i => i.GetProperty("notifications").GetArrayLength() == 1, what: "the county office's notice once the machine is quiet");
        Assert.Equal("application-awaiting-office", inbox.GetProperty("notifications")[0].GetProperty("kind").GetString());
    }
}
