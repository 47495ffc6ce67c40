using System.Text.Json;
using AutoMapper;
using CleanAuth.Domain.Auditing;

namespace CleanAuth.Application.Auditing.Dtos;

/// <summary>One audit log entry as the API shows it: <c>details</c> is the stored JSON object itself, not a string.</summary>
public sealed record AuditLogEntryDto
{
    public required Guid Id { get; init; }

    public required DateTime OccurredAt { get; init; }

    public required string EventType { get; init; }

    /// <summary>Whom the entry is about; null when no account is involved.</summary>
    public Guid? UserId { get; init; }

    /// <summary>Who acted; null for the server itself and for unauthenticated failures.</summary>
    public Guid? ActorId { get; init; }

    public string? IpAddress { get; init; }

    public string? UserAgent { get; init; }

    public string? TraceId { get; init; }

    /// <summary>A JSON object of plain facts (<c>{}</c> when there is nothing more to say).</summary>
    public required JsonElement Details { get; init; }

    /// <summary>The stored details as a JSON value detached from any document (so nothing pooled is held).</summary>
    public static JsonElement ParseDetails(string details)
    {
        using var document = JsonDocument.Parse(details);
        return document.RootElement.Clone();
    }

    private sealed class Mapping : Profile
    {
        public Mapping() =>
            CreateMap<AuditLogEntry, AuditLogEntryDto>()
                .ForMember(d => d.Details, o => o.MapFrom(s => ParseDetails(s.Details)));
    }
}
