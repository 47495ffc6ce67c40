using CleanAuth.Application.Common.Accounts;
using CleanAuth.Application.Common.Events;
using CleanAuth.Domain.Users;
using MediatR;

namespace CleanAuth.Application.Users.Events;

/// <summary>A new account whose address is not yet proven is mailed a verification link, in the registration's transaction.</summary>
public sealed class SendVerificationOnRegistration : INotificationHandler<BeforeCommit<UserRegisteredEvent>>
{
    private readonly AccountTokenIssuer _issuer;

    public SendVerificationOnRegistration(AccountTokenIssuer issuer) => _issuer = issuer;

    public Task Handle(BeforeCommit<UserRegisteredEvent> notification, CancellationToken cancellationToken)
    {
        var registered = notification.Event;
        return registered.EmailVerified
            ? Task.CompletedTask
            : _issuer.SendEmailVerificationAsync(registered.UserId, Email.Create(registered.Email), registered.OccurredAt, cancellationToken);
    }
}
