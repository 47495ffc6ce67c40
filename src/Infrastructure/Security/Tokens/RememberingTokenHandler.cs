using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CleanAuth.Infrastructure.Security.Tokens;

/// <summary>
/// The bearer handler's token handler (ADR-024): a <see cref="JsonWebTokenHandler"/> that remembers, in this instance,
/// the access tokens it found valid, so a client's next request with the same token skips the parse and the signature
/// check. A token is remembered by its exact text, and only until its <c>exp</c>, checked against the wall clock on
/// every hit as the full validation checks it. Invalid tokens are never remembered. Every hit gets its own copy of the
/// identity: the token check after this (<see cref="ValidatedTokenCheck"/>, revocation and current roles, run on every
/// request) may rewrite its roles.
/// </summary>
internal sealed class RememberingTokenHandler : JsonWebTokenHandler
{
    /// <summary>Tokens remembered at most, give or take one sweep's worth (<see cref="SweepEvery"/>).</summary>
    public const int Capacity = 10_000;

    // Stores between sweeps of expired tokens; a sweep that leaves more than Capacity forgets them all.
    private const int SweepEvery = 1024;

    private readonly ConcurrentDictionary<string, Remembered> _valid = new(StringComparer.Ordinal);
    private int _stores;

    public int Count => _valid.Count;

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        if (token is not null && _valid.TryGetValue(token, out var remembered))
        {
            if (DateTime.UtcNow < remembered.Expires)
            {
                return remembered.ToResult();
            }

            _valid.TryRemove(KeyValuePair.Create(token, remembered));
        }

        var result = await base.ValidateTokenAsync(token, validationParameters);
        if (result.IsValid && result.SecurityToken is JsonWebToken jwt && result.ClaimsIdentity is { } identity)
        {
            Remember(token!, new Remembered(jwt, identity.Clone(), jwt.ValidTo));
        }

        return result;
    }

    private void Remember(string token, Remembered remembered)
    {
        _valid[token] = remembered;
        if (Interlocked.Increment(ref _stores) % SweepEvery != 0)
        {
            return;
        }

        var now = DateTime.UtcNow;
        foreach (var (key, entry) in _valid)
        {
            if (now >= entry.Expires)
            {
                _valid.TryRemove(KeyValuePair.Create(key, entry));
            }
        }

        if (_valid.Count > Capacity)
        {
            _valid.Clear();
        }
    }

    private sealed record Remembered(JsonWebToken Token, ClaimsIdentity Identity, DateTime Expires)
    {
        public TokenValidationResult ToResult() => new()
        {
            IsValid = true,
            SecurityToken = Token,
            ClaimsIdentity = Identity.Clone(),
            Issuer = Token.Issuer,
            TokenType = Token.Typ,
        };
    }
}
