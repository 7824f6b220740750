using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IpPlatform.Contracts.Events;
using IpPlatform.Delivery.Data;
using IpPlatform.Delivery.Notifications;
using IpPlatform.Testing;

namespace IpPlatform.Delivery.Tests;

/// <summary>People's inboxes: who learns of what, in Chinese with the reference and a link; unread and mark read; e-mail.</summary>
public sealed class NotificationTests
{
    static async Task<JsonElement> Inbox(HttpClient client, bool unreadOnly = false) =>
        await client.GetFromJsonAsync<JsonElement>("/api/notifications" + (unreadOnly ? "?unread=true" : ""));

    static List<JsonElement> Items(JsonElement inbox) => inbox.GetProperty("notifications").EnumerateArray().ToList();

    [Fact]
    public async Task The_county_office_learns_of_a_new_application_and_the_applicant_of_its_return_with_the_reason()
    {
        await using var service = Samples.Service();
        var id = Guid.NewGuid();
        await service.PublishAsync(Samples.Submitted(id));
        await service.PublishAsync(Samples.Returned(id));

        var applicant = service.CreateClient(TestAccounts.Applicant(Samples.CreditCode));
        var returned = Items(await Eventually.Get(() => Inbox(applicant)!, i => i.GetProperty("unread").GetInt32() == 1, what: "the applicant's notice")).Single();
        Assert.Equal("returned", returned.GetProperty("kind").GetString());
        Assert.Contains("材料不全，缺少审计报告", returned.GetProperty("body").GetString());
        Assert.Contains(id.ToString(), returned.GetProperty("body").GetString());
        Assert.Equal($"http://localhost:8080/applications/{id}", returned.GetProperty("link").GetString());

        var county = Items(await Inbox(service.CreateClient(TestAccounts.County(Samples.County)))).Single();
        Assert.Equal("application-awaiting-office", county.GetProperty("kind").GetString());
        Assert.StartsWith("新申报待审核", county.GetProperty("title").GetString());

        // Nobody else: another county, another applicant, finance.
        Assert.Empty(Items(await Inbox(service.CreateClient(TestAccounts.County("320281")))));
        Assert.Empty(Items(await Inbox(service.CreateClient(TestAccounts.Applicant("91320281MA1YYYYY0Y")))));
        Assert.Empty(Items(await Inbox(service.CreateClient(TestAccounts.Finance))));
    }

    [Fact]
    public async Task Events_are_taken_one_at_a_time_in_the_brokers_order_so_every_assessment_finds_its_submission()
    {
        await using var service = Samples.Service();
        // An assessment handled before its submission finds no applicant to tell: the queue's order must hold.
        var applicants = Enumerable.Range(0, 20).Select(n => $"91320583MA1XXX{n:D2}0X").ToList();
        foreach (var code in applicants)
        {
            var id = Guid.NewGuid();
            await service.PublishAsync(Samples.Submitted(id, code));
            await service.PublishAsync(new EligibilityAssessed(id, "2022", "industrial-brand", EligibilityOutcome.Eligible, [], Samples.Start));
        }

        foreach (var code in applicants)
        {
            var inbox = await Eventually.Get(() => Inbox(service.CreateClient(TestAccounts.Applicant(code)))!,
                i => i.GetProperty("unread").GetInt32() == 1, what: $"the assessment notice of {code}");
            Assert.Equal("assessed", Items(inbox).Single().GetProperty("kind").GetString());
        }
        // One handler on the queue, not one per message with the consumer's own limit behind them.
        var probe = JsonSerializer.SerializeToNode(MassTransit.IntrospectionExtensions.GetProbeResult((MassTransit.IProbeSite)service.Harness.Bus, default))!;
        var endpoint = probe["Results"]!["bus"]!["host"]!["receiveEndpoint"]!.AsArray().Single(e => (string?)e!["name"] == "delivery-event")!;
        Assert.Equal(1, (int)endpoint["receiveTransport"]!["concurrentMessageLimit"]!);
    }

    [Fact]
    public async Task Marking_read_leaves_it_out_of_the_unread_and_another_account_cannot_mark_it()
    {
        await using var service = Samples.Service();
        var id = Guid.NewGuid();
        await service.PublishAsync(Samples.Submitted(id));
        await service.PublishAsync(Samples.Returned(id));
        var applicant = service.CreateClient(TestAccounts.Applicant(Samples.CreditCode));
        var notice = Items(await Eventually.Get(() => Inbox(applicant)!, i => i.GetProperty("unread").GetInt32() == 1, what: "the notice")).Single();
        var noticeId = notice.GetProperty("id").GetGuid();

        var stranger = service.CreateClient(TestAccounts.Applicant("91320281MA1YYYYY0Y"));
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsync($"/api/notifications/{noticeId}/read", null)).StatusCode);
        Assert.Equal(1, (await Inbox(applicant)).GetProperty("unread").GetInt32());

        Assert.Equal(HttpStatusCode.NoContent, (await applicant.PostAsync($"/api/notifications/{noticeId}/read", null)).StatusCode);
        var after = await Inbox(applicant);
        Assert.Equal(0, after.GetProperty("unread").GetInt32());
        Assert.True(Items(after).Single().GetProperty("read").GetBoolean());
        Assert.Empty(Items(await Inbox(applicant, unreadOnly: true)));
    }

    [Fact]
    public async Task Each_clerk_of_an_office_reads_the_office_notice_for_themself()
    {
        await using var service = Samples.Service();
        await service.PublishAsync(Samples.Submitted(Guid.NewGuid()));
        var first = service.CreateClient(TestAccounts.County(Samples.County));
        var second = service.CreateClient(new TestAccount($"county-{Samples.County}-b", IpPlatform.Security.PlatformRoles.CountyOffice, Samples.County));
        var notice = Items(await Eventually.Get(() => Inbox(first)!, i => i.GetProperty("unread").GetInt32() == 1, what: "the office's notice")).Single();

        Assert.Equal(HttpStatusCode.NoContent, (await first.PostAsync($"/api/notifications/{notice.GetProperty("id").GetGuid()}/read", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await first.PostAsync($"/api/notifications/{notice.GetProperty("id").GetGuid()}/read", null)).StatusCode); // twice: still read

        Assert.Equal(0, (await Inbox(first)).GetProperty("unread").GetInt32());
        var other = await Inbox(second);
        Assert.Equal(1, other.GetProperty("unread").GetInt32());
        Assert.False(Items(other).Single().GetProperty("read").GetBoolean());
    }

    [Fact]
    public async Task Evaluation_reminders_appear_30_and_7_days_before_the_due_date()
    {
        var clock = new FakeClock(Samples.Start);
        await using var service = Samples.Service(clock);
        var applicant = new ApplicantSummary("江苏某某科技股份有限公司", Samples.CreditCode, "Enterprise", Samples.County);
        var due = DateOnly.FromDateTime(Samples.Start.UtcDateTime).AddMonths(12);
        await service.PublishAsync(new ProjectStarted(Guid.NewGuid(), Guid.NewGuid(), "2022", "industrial-brand", applicant,
            DateOnly.FromDateTime(Samples.Start.UtcDateTime), due, null));
        await Eventually.Get(() => Task.FromResult<int?>(service.Query<DeliveryDbContext, int>(db => db.Notifications.Count())), n => n == 2, what: "two reminders");
        var client = service.CreateClient(TestAccounts.Applicant(Samples.CreditCode));

        Assert.Empty(Items(await Inbox(client)));
        clock.Advance(due.AddDays(-30).ToDateTime(TimeOnly.MinValue) - Samples.Start.UtcDateTime);
        Assert.Equal(["evaluation-due-30"], Items(await Inbox(client)).Select(n => n.GetProperty("kind").GetString()));
        clock.Advance(TimeSpan.FromDays(23));
        var both = Items(await Inbox(client));
        Assert.Equal(["evaluation-due-7", "evaluation-due-30"], both.Select(n => n.GetProperty("kind").GetString()));
        Assert.Contains(due.ToString("yyyy-MM-dd"), both[0].GetProperty("body").GetString());
    }

    [Fact]
    public async Task Finance_learns_of_a_released_tranche_and_the_city_of_a_county_recommendation()
    {
        await using var service = Samples.Service();
        var id = Guid.NewGuid();
        await service.PublishAsync(new TranchesScheduled(id, 1_000_000m,
            [new(Guid.NewGuid(), "start-up", 500_000m, "Approval"), new(Guid.NewGuid(), "after-mid-term", 500_000m, "MidTermPassed")], Samples.Start));
        await service.PublishAsync(new ApplicationRecommended(id, "2022", "industrial-brand", OfficeLevel.County, Samples.County, "同意推荐", Samples.Start));
        // The city forwarding it to the province tells no expert: experts learn of a case only when drawn for it.
        await service.PublishAsync(new ApplicationRecommended(id, "2022", "industrial-brand", OfficeLevel.City, "320500", "同意推荐", Samples.Start));
        await Eventually.Get(() => Task.FromResult<int?>(service.Query<DeliveryDbContext, int>(db => db.Feed.Count())), n => n == 3, what: "three events");
        Assert.Equal(2, service.Query<DeliveryDbContext, int>(db => db.Notifications.Count()));

        var finance = Items(await Inbox(service.CreateClient(TestAccounts.Finance))).Single();
        Assert.Contains("50 万元", finance.GetProperty("body").GetString());
        Assert.Empty(Items(await Inbox(service.CreateClient(TestAccounts.Expert()))));
        Assert.Equal("application-awaiting-office", Items(await Inbox(service.CreateClient(TestAccounts.City("320500")))).Single().GetProperty("kind").GetString());
        Assert.Empty(Items(await Inbox(service.CreateClient(TestAccounts.City("320200")))));
    }

    [Fact]
    public async Task Exactly_the_experts_drawn_for_a_panel_are_told_in_chinese_with_the_reference_and_link()
    {
        await using var service = Samples.Service();
        var id = Guid.NewGuid();
        await service.PublishAsync(new ExpertsAssigned(id, "2022", "industrial-brand", ["expert-1", "张三"], 1, Samples.Start) { By = null });
        await service.PublishAsync(new ExpertsAssigned(id, "2022", "industrial-brand", ["李四"], 2, Samples.Start)); // a replacement draw
        await Eventually.Get(() => Task.FromResult<int?>(service.Query<DeliveryDbContext, int>(db => db.Notifications.Count())), n => n == 3, what: "three notices");

        foreach (var expert in new[] { "expert-1", "张三", "李四" })
        {
            var notice = Items(await Inbox(service.CreateClient(TestAccounts.Expert(expert)))).Single();
            Assert.Equal("expert-assigned", notice.GetProperty("kind").GetString());
            Assert.Equal($"新的评审任务：{id}", notice.GetProperty("title").GetString());
            Assert.Contains($"编号 {id}", notice.GetProperty("body").GetString());
            Assert.Contains("评审专家", notice.GetProperty("body").GetString());
            Assert.Equal($"http://localhost:8080/applications/{id}", notice.GetProperty("link").GetString());
        }
        // An expert not drawn, and other roles, learn nothing.
        Assert.Empty(Items(await Inbox(service.CreateClient(TestAccounts.Expert("expert-2")))));
        Assert.Empty(Items(await Inbox(service.CreateClient(TestAccounts.Finance))));
        Assert.Empty(Items(await Inbox(service.CreateClient(TestAccounts.City("320500")))));
    }

    static CallPublished Call(DateOnly deadline) => new(new IpPlatform.Contracts.Calls.CallDocument
    {
        Id = "2027", TitleZh = "2027 年度知识产权项目申报", IssuedOn = deadline.AddMonths(-2), ReferenceDate = deadline.AddMonths(-3), LastYear = 2026,
        Tracks =
        [
            new IpPlatform.Contracts.Calls.TrackDefinition
            {
                Id = "industrial-brand", ProgrammeZh = "商标品牌培育和保护（工业品牌）", NameEn = "Industrial brand",
                AdmittedKinds = [IpPlatform.Contracts.Applications.ApplicantKind.Enterprise], OnlineDeadline = deadline,
                EvaluationAfterMonths = 12, Tranches = [], Quota = new IpPlatform.Contracts.Calls.QuotaRule { Kind = IpPlatform.Contracts.Calls.QuotaKind.Unlimited },
            },
        ],
    }, Samples.Start);

    [Fact]
    public async Task City_offices_are_reminded_of_the_summary_table_a_week_before_the_deadline_once_per_call()
    {
        var clock = new FakeClock(Samples.Start);
        await using var service = Samples.Service(clock);
        var deadline = DateOnly.FromDateTime(Samples.Start.UtcDateTime).AddDays(30);
        await service.PublishAsync(Call(deadline));
        await service.PublishAsync(Call(deadline)); // corrected and published again
        await service.PublishAsync(Call(DateOnly.FromDateTime(Samples.Start.UtcDateTime).AddDays(-1)) with { }); // a past call: no reminder
        await Eventually.Get(() => Task.FromResult<int?>(service.Query<DeliveryDbContext, int>(db => db.Feed.Count())), n => n == 3, what: "three calls");
        Assert.Equal(13, service.Query<DeliveryDbContext, int>(db => db.Notifications.Count())); // one per city of Jiangsu

        var suzhou = service.CreateClient(TestAccounts.City("320500"));
        Assert.Empty(Items(await Inbox(suzhou)));
        clock.Advance(deadline.AddDays(-7).ToDateTime(TimeOnly.MinValue) - Samples.Start.UtcDateTime);
        var reminder = Items(await Inbox(suzhou)).Single();
        Assert.StartsWith("汇总表截止日期临近", reminder.GetProperty("title").GetString());
        Assert.Contains(deadline.ToString("yyyy-MM-dd"), reminder.GetProperty("body").GetString());
        Assert.Empty(Items(await Inbox(service.CreateClient(TestAccounts.County(Samples.County)))));
    }

    [Fact]
    public async Task An_applicant_with_an_address_gets_the_notice_by_email_captured_by_a_local_sink()
    {
        await using var sink = new SmtpSink();
        await using var service = Samples.Service(settings: new DeliverySettings { Smtp = new SmtpSettings { Host = "127.0.0.1", Port = sink.Port } });
        await service.PublishAsync(new AccountRegistered("acc-1", Samples.CreditCode, "applicant", null, "wangmin@example.com", Samples.Start));
        var id = Guid.NewGuid();
        await service.PublishAsync(Samples.Submitted(id));
        await service.PublishAsync(Samples.Returned(id));

        var mail = await Eventually.Get(() => Task.FromResult(sink.Messages.FirstOrDefault()), m => true, what: "the e-mail at the sink");
        Assert.Equal("wangmin@example.com", mail!.To.Mailboxes.Single().Address);
        Assert.StartsWith("申报被退回", mail.Subject);
        Assert.Contains("材料不全，缺少审计报告", mail.TextBody);
        Assert.Contains($"/applications/{id}", mail.TextBody);
        Assert.Single(sink.Messages); // the county office has no address: no mail
    }

    [Fact]
    public async Task With_the_mail_server_down_no_notification_is_lost_and_it_is_sent_once_the_server_is_back()
    {
        var clock = new FakeClock(Samples.Start);
        var port = SmtpSink.FreePort();
        await using var service = Samples.Service(clock, new DeliverySettings { Smtp = new SmtpSettings { Host = "127.0.0.1", Port = port } });
        await service.PublishAsync(new AccountRegistered("acc-1", Samples.CreditCode, "applicant", null, "wangmin@example.com", Samples.Start));
        var id = Guid.NewGuid();
        await service.PublishAsync(Samples.Submitted(id));
        await service.PublishAsync(Samples.Returned(id));

        await Eventually.Get(() => Task.FromResult<int?>(service.Query<DeliveryDbContext, int>(db => db.Mails.Count(m => m.Attempts > 0))), n => n == 1, what: "a failed attempt");
        Assert.Equal(1, service.Query<DeliveryDbContext, int>(db => db.Mails.Count(m => m.SentAt == null && m.LastError != null)));

        await using var sink = new SmtpSink(port);
        clock.Advance(TimeSpan.FromMinutes(2));
        var mail = await Eventually.Get(() => Task.FromResult(sink.Messages.FirstOrDefault()), m => true, what: "the postponed e-mail");
        Assert.StartsWith("申报被退回", mail!.Subject);
        await Eventually.Get(() => Task.FromResult<int?>(service.Query<DeliveryDbContext, int>(db => db.Mails.Count(m => m.SentAt != null))), n => n == 1, what: "marked sent");
    }

    [Fact]
    public async Task A_backlog_of_more_mails_than_one_batch_is_sent_in_one_go_not_one_batch_per_poll()
    {
        const int owed = 120; // a deadline surge's mails: more than two batches of 50
        var file = Path.Combine(Path.GetTempPath(), $"ipplatform-mails-{Guid.NewGuid():N}.db");
        try
        {
            // Owed while no mail server was configured; the next start finds them all due at its first pass.
            await using (var before = Samples.Service(databaseFile: file))
            {
                before.CreateClient();
                before.Query<DeliveryDbContext, int>(db =>
                {
                    for (var i = 0; i < owed; i++)
                    {
                        var notice = Notification.To(Recipient.Applicant(Samples.CreditCode), "returned", $"申报被退回 {i}", "材料不全",
                            "http://portal/", null, Guid.NewGuid(), Samples.Start.UtcDateTime);
                        db.Notifications.Add(notice);
                        db.Mails.Add(OutgoingMail.For(notice, "wangmin@example.com"));
                    }
                    return db.SaveChanges();
                });
            }

            await using var sink = new SmtpSink();
            // A poll far longer than the test: only going on batch after batch sends all of them.
            await using var service = Samples.Service(databaseFile: file, settings: new DeliverySettings
                { Smtp = new SmtpSettings { Host = "127.0.0.1", Port = sink.Port, Poll = TimeSpan.FromHours(1) } });
            service.CreateClient();

            await Eventually.Get(() => Task.FromResult<int?>(sink.Messages.Count), n => n == owed, what: $"all {owed} mails at the sink");
            await Eventually.Get(() => Task.FromResult<int?>(service.Query<DeliveryDbContext, int>(db => db.Mails.Count(m => m.SentAt != null))), n => n == owed, what: "all marked sent");
        }
        finally
        {
            foreach (var suffix in new[] { "", "-wal", "-shm", ".dispatcher" })
                try { File.Delete(file + suffix); } catch (IOException) { }
        }
    }

    [Fact]
    public void Looking_for_a_calls_earlier_reminders_is_answered_by_an_index_not_by_reading_every_notification()
    {
        using var service = Samples.Service();
        service.CreateClient();

        var plan = service.Query<DeliveryDbContext, string>(db =>
            QueryPlans.Explain(db, Notification.GeneralOfKinds(db.Notifications, ["summary-table-reminder"])));

        Assert.Contains("USING INDEX IX_Notifications_ApplicationId_Kind", plan);
        Assert.DoesNotContain("SCAN Notifications", plan);
    }

    [Theory]
    [InlineData("applicant", "91320583MA1XYZ0001", null, "IX_AddressBook_Role_UserName")]
    [InlineData("county-office", null, "320583", "IX_AddressBook_Role_OfficeCode")]
    public void A_notices_addresses_are_found_by_an_index_not_by_reading_the_address_book(string role, string? name, string? office, string index)
    {
        using var service = Samples.Service();
        service.CreateClient();

        var plan = service.Query<DeliveryDbContext, string>(db =>
            QueryPlans.Explain(db, AddressBookEntry.Of(db.AddressBook, new Recipient(role, name, office))));

        Assert.Contains($"USING INDEX {index}", plan);
        Assert.DoesNotContain("SCAN AddressBook", plan);
    }
}
