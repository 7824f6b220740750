using IpPlatform.Infrastructure.Messaging;
using MassTransit;
using Microsoft.Extensions.Configuration;

namespace IpPlatform.Eligibility.Tests;

/// <summary>The batch settings (Messaging:Batch) as a service reads them at start-up.</summary>
public sealed class MessageBatchesTests
{
    static BatchOptions Configured(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>($"Messaging:Batch:{s.Key}", s.Value)))
            .Build();
        var options = new BatchOptions();
        MessageBatches.Configure(options, configuration);
        return options;
    }

    [Fact]
    public void Without_settings_a_batch_takes_up_to_32_messages_or_10_ms_two_batches_at_a_time()
    {
        var options = Configured();

        Assert.Equal((32, TimeSpan.FromMilliseconds(10), 2), (options.MessageLimit, options.TimeLimit, options.ConcurrencyLimit));
    }

    [Fact]
    public void The_settings_are_taken_as_given()
    {
        var options = Configured(("MessageLimit", "1"), ("TimeLimitMs", "250"));

        Assert.Equal((1, TimeSpan.FromMilliseconds(250)), (options.MessageLimit, options.TimeLimit));
    }

    [Theory]
    [InlineData("MessageLimit", "0")]
    [InlineData("MessageLimit", "1001")]
    [InlineData("TimeLimitMs", "0")]
    [InlineData("TimeLimitMs", "10001")]
    public void A_setting_out_of_range_stops_the_start_naming_the_setting(string key, string value)
    {
        var refused = Assert.Throws<InvalidOperationException>(() => Configured((key, value)));

        Assert.Contains($"Messaging:Batch:{key}", refused.Message);
        Assert.Contains(value, refused.Message);
    }
}
