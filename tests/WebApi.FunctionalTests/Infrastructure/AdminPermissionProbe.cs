using System.Net.Http.Headers;
using CleanAuth.Application.Users.Commands.CreateInvitation;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace CleanAuth.WebApi.FunctionalTests.Infrastructure;

/// <summary>
/// A route needing an admin permission (<c>invitations:create</c>), for tests that show such a permission granted or
/// withdrawn over HTTP while no admin endpoint exists in this slice: it sends the app's real
/// <see cref="CreateInvitationCommand"/> through the real pipeline (bearer authentication, authorization behaviour,
/// ProblemDetails), so a caller without the permission gets the app's own 403 <c>FORBIDDEN</c>. Only hosts that call
/// <see cref="AdminPermissionProbe.AddAdminPermissionProbe"/> serve it; the app never does.
/// </summary>
[ApiController]
[Authorize]
[Route(Path)]
public sealed class AdminPermissionProbeController : ControllerBase
{
    public const string Path = "/test-only/invitations";

    private readonly IMediator _mediator;

    public AdminPermissionProbeController(IMediator mediator) => _mediator = mediator;

    [HttpPost]
    public async Task<IActionResult> Create(CancellationToken cancellationToken)
    {
        await _mediator.Send(new CreateInvitationCommand(null, ["user"]), cancellationToken);
        return StatusCode(StatusCodes.Status201Created);
    }
}

public static class AdminPermissionProbe
{
    /// <summary>Serves <see cref="AdminPermissionProbeController"/> on this host.</summary>
    public static IServiceCollection AddAdminPermissionProbe(this IServiceCollection services)
    {
        services.AddControllers().AddApplicationPart(typeof(AdminPermissionProbeController).Assembly);
        return services;
    }

    /// <summary>Creates an invitation through the probe: 201 with <c>invitations:create</c>, else the app's 403 problem.</summary>
    public static Task<HttpResponseMessage> CreateInvitationThroughProbeAsync(this HttpClient client, string accessToken, CancellationToken cancellationToken = default)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, AdminPermissionProbeController.Path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client.SendAsync(request, cancellationToken);
    }
}
