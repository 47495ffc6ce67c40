namespace CleanAuth.Domain.Common;

/// <summary>Base for entities: identity by <see cref="Id"/>.</summary>
public abstract class Entity
{
    protected Entity(Guid id) => Id = id;

    public Guid Id { get; private set; }
}
