using System.Collections.Frozen;

namespace CleanAuth.Domain.Auditing;

/// <summary>The audit log's event types: one entry per action, named as the API documents them.</summary>
public static class AuditEventType
{
    public const string UserRegistered = "user.registered";
    public const string LoginSucceeded = "login.succeeded";
    public const string LoginFailed = "login.failed";
    public const string LoginThrottled = "login.throttled";
    public const string TokenReuseDetected = "token.reuse_detected";
    public const string Logout = "logout";
    public const string LogoutAll = "logout_all";
    public const string SessionRevoked = "session.revoked";
    public const string PasswordChanged = "password.changed";
    public const string PasswordResetRequested = "password.reset_requested";
    public const string PasswordReset = "password.reset";
    public const string EmailVerificationSent = "email.verification_sent";
    public const string EmailVerified = "email.verified";
    public const string EmailChangeRequested = "email.change_requested";
    public const string EmailChanged = "email.changed";
    public const string UserUpdated = "user.updated";
    public const string UserActivated = "user.activated";
    public const string UserDeactivated = "user.deactivated";
    public const string UserDeleted = "user.deleted";
    public const string RolesChanged = "roles.changed";
    public const string InvitationCreated = "invitation.created";
    public const string AdminBootstrapped = "admin.bootstrapped";
    public const string AccessDenied = "access.denied";

    public static readonly FrozenSet<string> All = FrozenSet.Create(
        StringComparer.Ordinal,
        UserRegistered, LoginSucceeded, LoginFailed, LoginThrottled, TokenReuseDetected, Logout, LogoutAll, SessionRevoked,
        PasswordChanged, PasswordResetRequested, PasswordReset, EmailVerificationSent, EmailVerified, EmailChangeRequested,
        EmailChanged, UserUpdated, UserActivated, UserDeactivated, UserDeleted, RolesChanged, InvitationCreated, AdminBootstrapped,
        AccessDenied);

    public static bool IsKnown(string? eventType) => eventType is not null && All.Contains(eventType);
}
