namespace CleanAuth.Domain.Common;

/// <summary>Something that happened in the domain, named in the past tense and immutable.</summary>
public interface IDomainEvent
{
    DateTime OccurredAt { get; }
}
