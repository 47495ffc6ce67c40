using System.Collections.Frozen;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CleanAuth.Infrastructure.Outbox;

public static class OutboxHandlerRegistration
{
    /// <summary>Registers <typeparamref name="THandler"/> (scoped) as the handler of its <see cref="IOutboxHandler.Kinds"/>.</summary>
    public static IServiceCollection AddOutboxHandler<THandler>(this IServiceCollection services)
        where THandler : class, IOutboxHandler
    {
        services.TryAddScoped<THandler>();
        services.AddSingleton(new OutboxHandlerType(typeof(THandler), THandler.Kinds));
        return services;
    }
}

/// <summary>One registered handler: its type and the kinds it carries out.</summary>
internal sealed record OutboxHandlerType(Type Type, IReadOnlyCollection<string> Kinds);

/// <summary>Which handler type carries out which kind; built once from the registrations, refusing a kind registered twice.</summary>
internal sealed class OutboxHandlers
{
    private readonly FrozenDictionary<string, Type> _byKind;

    public OutboxHandlers(IEnumerable<OutboxHandlerType> registrations)
    {
        var byKind = new Dictionary<string, Type>(StringComparer.Ordinal);
        foreach (var registration in registrations)
        {
            foreach (var kind in registration.Kinds)
            {
                if (string.IsNullOrEmpty(kind) || kind.Length > OutboxMessage.MaxKindLength)
                {
                    throw new InvalidOperationException($"{registration.Type.Name} declares an outbox kind that is empty or longer than {OutboxMessage.MaxKindLength} characters.");
                }

                if (byKind.TryGetValue(kind, out var other) && other != registration.Type)
                {
                    throw new InvalidOperationException($"Outbox kind '{kind}' has two handlers: {other.Name} and {registration.Type.Name}.");
                }

                byKind[kind] = registration.Type;
            }
        }

        _byKind = byKind.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The handler type registered for <paramref name="kind"/>, or null when none is.</summary>
    public Type? Find(string kind) => _byKind.GetValueOrDefault(kind);
}
