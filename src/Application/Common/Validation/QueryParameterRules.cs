using System.Collections.Frozen;
using CleanAuth.Application.Common.Paging;
using FluentValidation;

namespace CleanAuth.Application.Common.Validation;

/// <summary>
/// Rules for query-string parameters, which queries carry as text: each accepts exactly what
/// <see cref="QueryParameters"/> (or <see cref="PageRequest"/>) parses, and names the parameter as the client wrote it.
/// </summary>
public static class QueryParameterRules
{
    public static IRuleBuilderOptions<T, string?> ValidPage<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(text => PageRequest.TryParsePage(text, out _)).WithMessage("page must be a whole number of at least 1.");

    public static IRuleBuilderOptions<T, string?> ValidPageSize<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(text => PageRequest.TryParseSize(text, out _)).WithMessage($"page_size must be a whole number from 1 to {PageRequest.MaxSize}.");

    public static IRuleBuilderOptions<T, string?> ValidBoolean<T>(this IRuleBuilder<T, string?> rule, string parameter) =>
        rule.Must(text => QueryParameters.TryParseBoolean(text, out _)).WithMessage($"{parameter} must be true or false.");

    public static IRuleBuilderOptions<T, string?> ValidGuid<T>(this IRuleBuilder<T, string?> rule, string parameter) =>
        rule.Must(text => QueryParameters.TryParseGuid(text, out _)).WithMessage($"{parameter} must be a GUID.");

    public static IRuleBuilderOptions<T, string?> ValidInstant<T>(this IRuleBuilder<T, string?> rule, string parameter) =>
        rule.Must(text => QueryParameters.TryParseInstant(text, out _))
            .WithMessage($"{parameter} must be an ISO 8601 date-time with Z or an offset, e.g. 2026-12-01T09:30:00Z.");

    /// <summary>One of <paramref name="allowed"/> (ordinal), or absent.</summary>
    public static IRuleBuilderOptions<T, string?> OneOf<T>(this IRuleBuilder<T, string?> rule, string parameter, FrozenSet<string> allowed) =>
        rule.Must(text => text is null || allowed.Contains(text))
            .WithMessage($"{parameter} must be one of: {string.Join(", ", allowed.Order(StringComparer.Ordinal))}.");
}
