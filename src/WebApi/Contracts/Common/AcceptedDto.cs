namespace CleanAuth.WebApi.Contracts.Common;

/// <summary>The body of a 202: one message, the same whatever happened behind it.</summary>
public sealed record AcceptedDto(string Message);
