using System.Globalization;
using System.Net;
using System.Net.Sockets;
using CleanAuth.WebApi.FunctionalTests.Infrastructure;
using Npgsql;

namespace CleanAuth.WebApi.FunctionalTests.Platform;

/// <summary>
/// SIGTERM, as <c>docker stop</c> or an orchestrator sends it, to the app as a real process: it stops accepting
/// connections, lets the work in flight finish (a request, the mail being sent), and exits 0.
/// </summary>
public sealed class ShutdownTests
{
    private static readonly TimeSpan s_waitLimit = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Sigterm_WhileARequestIsInFlight_ShouldRefuseNewConnectionsLetTheRequestFinishAndExitZero()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = ApiClientExtensions.NewUser();
        await using var app = await RunningApp.StartAsync(ct, settings: new Dictionary<string, string>
        {
            ["Admin__Email"] = admin.Email,
            ["Admin__Username"] = admin.Username,
            ["Admin__Password"] = admin.Password,
        });
        var adminTokens = await app.Client.LoginTokensAsync(admin, ct);
        var target = await (await app.Client.RegisterAsync(ApiClientExtensions.NewUser(), ct)).ReadAsync<UserBody>(ct);

        // A real request held in flight: a role change waits for the administrators' lock (ADR-015), which the test holds.
        await using var hold = await AdministratorsLockHold.TakeAsync(app.Database.ConnectionString, ct);
        using var inFlightClient = new HttpClient { BaseAddress = app.Client.BaseAddress };
        var inFlight = inFlightClient.SendAuthorizedAsync(HttpMethod.Put, $"/api/v1/admin/users/{target.Id}/roles", adminTokens.AccessToken, new { roles = new[] { "guest" } }, ct);
        await WaitUntilAsync(async () => await hold.WaitingAsync(ct) == 1 || inFlight.IsCompleted, "the request waits for the lock", ct);
        inFlight.IsCompleted.Should().BeFalse("the request is held in flight");

        await app.TerminateAsync(ct);

        await WaitUntilAsync(() => RefusesConnectionsAsync(app.Port, ct), "the stopping app refuses new connections", ct);
        (await app.ExitCodeWithinAsync(TimeSpan.FromSeconds(1), ct)).Should().BeNull("the app waits for the request in flight");
        inFlight.IsCompleted.Should().BeFalse();

        await hold.ReleaseAsync();
        var response = await inFlight;
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(ct));
        (await response.ReadAsync<UserBody>(ct)).Roles.Should().Equal("guest");
        (await app.ExitCodeWithinAsync(s_waitLimit, ct)).Should().Be(0, app.Output);
    }

    [Fact]
    public async Task Sigterm_WhileAMailIsBeingSent_ShouldFinishSendingItRecordItAndExitZero()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var smtp = HoldingSmtpServer.Start();
        await using var app = await RunningApp.StartAsync(ct, settings: new Dictionary<string, string>
        {
            ["Email__Provider"] = "Smtp",
            ["Email__Smtp__Host"] = "127.0.0.1",
            ["Email__Smtp__Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Email__Smtp__UseStartTls"] = "false",
            ["Email__From"] = CleanAuthApiFactory.MailFrom,
            ["Email__PollIntervalSeconds"] = "0.2",
        });
        var user = await app.Client.RegisterNewUserAsync(ct); // queues the verification mail
        await smtp.DataReceived.WaitAsync(s_waitLimit, ct);   // ... now on the wire, its "250" held back

        await app.TerminateAsync(ct);

        (await app.ExitCodeWithinAsync(TimeSpan.FromSeconds(2), ct)).Should().BeNull("the app waits for the mail it is sending");
        smtp.Release();
        (await app.ExitCodeWithinAsync(s_waitLimit, ct)).Should().Be(0, app.Output);
        smtp.Accepted.Should().ContainSingle().Which.Should().Contain(user.Email);
        await using var connection = new NpgsqlConnection(app.Database.ConnectionString);
        await connection.OpenAsync(ct);
        await using var sent = new NpgsqlCommand("SELECT count(*) FROM outbox_messages WHERE sent_at IS NOT NULL", connection);
        ((long)(await sent.ExecuteScalarAsync(ct))!).Should().Be(1, "the mail was recorded as sent before the app exited: it is never sent twice");
    }

    private static async Task<bool> RefusesConnectionsAsync(int port, CancellationToken cancellationToken)
    {
        using var probe = new TcpClient();
        try
        {
            await probe.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
            return false;
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionRefused)
        {
            return true;
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionReset)
        {
            // The listener closed while this connection sat in its backlog: not yet the refusal asked for; probe again.
            return false;
        }
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + s_waitLimit;
        while (!await condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline, $"{what} within {s_waitLimit.TotalSeconds:0} s");
            await Task.Delay(25, cancellationToken);
        }
    }
}
