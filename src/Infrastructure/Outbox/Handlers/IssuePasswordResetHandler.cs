using CleanAuth.Application.Auth.Commands.IssuePasswordReset;
using CleanAuth.Application.Common.Interfaces;
using MediatR;

namespace CleanAuth.Infrastructure.Outbox.Handlers;

/// <summary>
/// The payload of <see cref="IssuePasswordResetHandler.Kind"/>: the normalized address a reset was asked for, and where the
/// request came from (null in rows queued before it was carried).
/// </summary>
internal sealed record IssuePasswordResetArgument(string Email, RequestOrigin? Origin = null);

/// <summary>
/// The queued password-reset lookup: runs <see cref="IssuePasswordResetCommand"/> (in this message's own scope, so in
/// its own transaction; the reset mail it queues is a new outbox message). Queued by <see cref="OutboxBackgroundWork"/>
/// so that a reset request answers the same, in the same time, whether or not the address has an account.
/// </summary>
internal sealed class IssuePasswordResetHandler : IOutboxHandler
{
    public const string Kind = "work:issue-password-reset";

    private readonly IMediator _mediator;
    private readonly OutboxPayloadProtector _protector;

    public IssuePasswordResetHandler(IMediator mediator, OutboxPayloadProtector protector)
    {
        _mediator = mediator;
        _protector = protector;
    }

    public static IReadOnlyCollection<string> Kinds { get; } = [Kind];

    public async Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        // A row queued before the OutboxPayloadPerKind migration has its address in Recipient and an empty payload.
        var argument = message.Payload.Length == 0 && message.Recipient is not null
            ? new IssuePasswordResetArgument(message.Recipient)
            : _protector.Unprotect<IssuePasswordResetArgument>(message.Payload);
        using (RequestOrigin.Replay(argument.Origin ?? new RequestOrigin(null, null, null)))
        {
            await _mediator.Send(new IssuePasswordResetCommand(argument.Email), cancellationToken);
        }
    }
}
