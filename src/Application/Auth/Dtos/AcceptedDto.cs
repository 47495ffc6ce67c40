namespace CleanAuth.Application.Auth.Dtos;

/// <summary>The body of a 202: one message, the same whatever happened behind it.</summary>
public sealed record AcceptedDto(string Message);
