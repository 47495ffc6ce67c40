using System.Text.Json;
using CleanAuth.Application.Common.Events;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Domain.AccountTokens;
using CleanAuth.Domain.Auditing;
using CleanAuth.Domain.Authorization;
using CleanAuth.Domain.Common;
using CleanAuth.Domain.LoginThrottling;
using CleanAuth.Domain.Sessions;
using CleanAuth.Domain.Users;

namespace CleanAuth.Application.Auditing;

/// <summary>
/// The one mapping from a domain event to its audit entry: the event type, whom it is about (<c>user_id</c>), who acted
/// (<c>actor_id</c>) and the details. The actor rule: the caller as the request was authenticated; the account itself
/// for registration, login and mailed links (nobody is signed in then); null for the server's operator (start-up, the
/// command line) and for unauthenticated failures. Details are plain facts, never a password, hash, token or key.
/// </summary>
public static class AuditEntries
{
    private static readonly JsonSerializerOptions s_json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    // An invitation naming no roles grants the user role (User.Register): recorded as what it grants.
    private static readonly IReadOnlyList<string> s_defaultInvitationRoles = [RoleName.User];

    /// <summary>The entry that records <paramref name="domainEvent"/>; null for an event that records nothing itself.</summary>
    public static AuditLogEntry? For(IDomainEvent domainEvent, Actor actor, IRequestContext request)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(request);
        return Describe(domainEvent, actor) is { } fact
            ? AuditLogEntry.Record(
                fact.EventType, domainEvent.OccurredAt, fact.UserId, fact.ActorId, request.IpAddress, request.UserAgent, request.TraceId, fact.Details ?? "{}")
            : null;
    }

    private static Fact? Describe(IDomainEvent domainEvent, Actor actor)
    {
        var caller = actor.UserId; // null for the operator and for nobody signed in
        return domainEvent switch
        {
            // The operator's only way to create an account is the admin bootstrap, recorded as admin.bootstrapped alone.
            UserRegisteredEvent when actor.Kind == ActorKind.Operator => null,
            UserRegisteredEvent e => new(AuditEventType.UserRegistered, e.UserId, e.UserId),
            AdminBootstrappedEvent e => new(AuditEventType.AdminBootstrapped, e.UserId, null, Details(new { e.Source })),

            SessionStartedEvent e => new(AuditEventType.LoginSucceeded, e.UserId, e.UserId),
            LoginFailedEvent e => new(AuditEventType.LoginFailed, e.UserId, null, Details(new { e.Code })),
            LoginThrottledEvent e => new(AuditEventType.LoginThrottled, e.UserId, null),
            SessionRevokedEvent e => e.Reason switch
            {
                SessionRevocationReason.Logout => new(AuditEventType.Logout, e.UserId, caller),
                SessionRevocationReason.RevokedByUser => new(AuditEventType.SessionRevoked, e.UserId, caller),
                SessionRevocationReason.RefreshTokenReuse => new(AuditEventType.TokenReuseDetected, e.UserId, null),

                // Sessions ended by another action (a password change, a deactivation, logout-all, an admin): that action is the entry.
                _ => null,
            },
            AllSessionsEndedEvent e => new(AuditEventType.LogoutAll, e.UserId, caller),

            PasswordChangedEvent e => new(AuditEventType.PasswordChanged, e.UserId, caller),
            PasswordResetRequestedEvent e => new(AuditEventType.PasswordResetRequested, e.UserId, null),
            PasswordResetEvent e => new(AuditEventType.PasswordReset, e.UserId, e.UserId),
            EmailVerificationSentEvent e => new(AuditEventType.EmailVerificationSent, e.UserId, caller),
            EmailVerifiedEvent e => new(AuditEventType.EmailVerified, e.UserId, e.UserId),
            EmailChangeRequestedEvent e => new(AuditEventType.EmailChangeRequested, e.UserId, caller),
            EmailChangedEvent e => new(AuditEventType.EmailChanged, e.UserId, e.UserId),

            ProfileUpdatedEvent e => new(AuditEventType.UserUpdated, e.UserId, caller, Details(new { e.Fields })),
            UserActivatedEvent e => new(AuditEventType.UserActivated, e.UserId, caller),
            UserDeactivatedEvent e => new(AuditEventType.UserDeactivated, e.UserId, caller),
            AccountDeletedEvent e => new(AuditEventType.UserDeleted, e.UserId, caller),
            UserDeletedEvent e => new(AuditEventType.UserDeleted, e.UserId, caller),
            RolesChangedEvent e => new(AuditEventType.RolesChanged, e.UserId, caller, Details(new { e.OldRoles, e.NewRoles })),

            InvitationCreatedEvent e => new(
                AuditEventType.InvitationCreated, null, caller, Details(new { e.Email, Roles = e.Roles.Count == 0 ? s_defaultInvitationRoles : e.Roles })),

            // The event names the caller it refused: recorded on its own after the request failed (ADR-004).
            AccessDeniedEvent e => new(AuditEventType.AccessDenied, e.UserId, e.UserId, Details(new { e.Permission })),
            _ => null,
        };
    }

    private static string Details<T>(T details) => JsonSerializer.Serialize(details, s_json);

    private sealed record Fact(string EventType, Guid? UserId, Guid? ActorId, string? Details = null);
}
