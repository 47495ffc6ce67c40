using MediatR;

namespace CleanAuth.Application.Common.Messaging;

/// <summary>Marks a request that changes state: the unit-of-work behavior wraps it in one transaction.</summary>
public interface ICommandBase;

public interface ICommand<out TResponse> : IRequest<TResponse>, ICommandBase;

/// <summary>A request that only reads.</summary>
public interface IQuery<out TResponse> : IRequest<TResponse>;
