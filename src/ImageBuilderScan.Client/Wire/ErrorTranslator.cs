using System.Net.Sockets;
using System.Text.Json;
using Amazon.Runtime;

namespace ImageBuilderScan.Client.Wire;

/// <summary>
/// Turns whatever the SDK pipeline threw into the engine's exceptions, so no AWSSDK type leaves
/// the engine: service errors by code, malformed bodies as protocol errors, connection failures and
/// timeouts as network errors. Cancellation by the caller stays an <see cref="OperationCanceledException"/>.
/// SDK exceptions are not kept as inner exceptions (they are AWSSDK types). Service messages pass through
/// <see cref="SecretRedaction"/>: a signature mismatch echoes the canonical request, session token included.
/// </summary>
internal static class ErrorTranslator
{
    /// <param name="error">What the SDK pipeline threw.</param>
    /// <param name="cancellationToken">The caller's token: when cancelled, the failure is a cancellation.</param>
    /// <param name="endpoint">The endpoint the request went to, named in network messages (no user info).</param>
    public static Exception Translate(Exception error, CancellationToken cancellationToken, string? endpoint = null)
    {
        if (cancellationToken.IsCancellationRequested)
            return error as OperationCanceledException ?? new OperationCanceledException("The request was cancelled.", cancellationToken);

        for (var e = error; e is not null; e = e.InnerException)
            if (e is ImageBuilderScanException known) return known;

        if (error is AmazonServiceException service && (int)service.StatusCode >= 300)
            return ScanServiceException.Create(service.ErrorCode, SecretRedaction.ServiceMessage(service.Message), (int)service.StatusCode, service.RequestId);

        if (Find<JsonException>(error) is { } json)
            return new ScanProtocolException("MalformedResponse", $"The service returned a malformed response: {json.Message}");
        if (error is AmazonUnmarshallingException unmarshalling)
            return new ScanProtocolException("MalformedResponse", "The service returned a response that could not be read.", unmarshalling.RequestId);

        var at = endpoint is null ? "" : $" at {SecretRedaction.Url(endpoint)}";
        var to = endpoint is null ? "" : $" to {SecretRedaction.Url(endpoint)}";
        if (Find<TimeoutException>(error) is not null || error is OperationCanceledException)
            return Network($"The request{to} timed out before the service answered completely.", timedOut: true, unreachable: false, endpoint, Root(error));

        // Refused, no such host, unreachable: no connection was ever made, so the endpoint or the network is
        // wrong. A connection that was made and then reset or cut (mid-body) is a different story: the
        // service was reached, the answer was lost.
        if (IsUnreachable(error, out var reason))
            return Network($"Could not reach the service{at}: {reason}", timedOut: false, unreachable: true, endpoint, Root(error));
        if (Find<SocketException>(error) is { } socket)
            return Network($"The connection{to} was lost before the response was complete: {socket.Message}", timedOut: false, unreachable: false, endpoint, socket);
        if (Find<HttpRequestException>(error) is { } http)
            return Network($"The request{to} failed: {Describe(http)}", timedOut: false, unreachable: false, endpoint, Root(error));
        if (Find<IOException>(error) is { } io)
            return Network($"The connection{to} was lost before the response was complete: {io.Message}", timedOut: false, unreachable: false, endpoint, io);

        if (error is AmazonClientException client)
            return new ScanConfigurationException("CredentialsUnavailable", $"The request could not be prepared: {SecretRedaction.ServiceMessage(client.Message)}");

        return Network($"The request{to} failed: {error.Message}", timedOut: false, unreachable: false, endpoint, Root(error));
    }

    private static ScanNetworkException Network(string message, bool timedOut, bool unreachable, string? endpoint, Exception? inner)
        => new(message, timedOut, inner) { Unreachable = unreachable, Endpoint = endpoint is null ? null : SecretRedaction.Url(endpoint) };

    private static bool IsUnreachable(Exception error, out string reason)
    {
        reason = "";
        if (Find<SocketException>(error) is { } socket && socket.SocketErrorCode is SocketError.ConnectionRefused or SocketError.HostNotFound
                or SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.NoData or SocketError.TryAgain or SocketError.AddressNotAvailable)
        {
            reason = socket.Message;
            return true;
        }

        if (Find<HttpRequestException>(error) is { HttpRequestError: HttpRequestError.NameResolutionError } http)
        {
            reason = Describe(http);
            return true;
        }

        return false;
    }

    private static T? Find<T>(Exception error) where T : Exception
    {
        for (var e = error; e is not null; e = e.InnerException)
            if (e is T match) return match;
        return null;
    }

    private static string Describe(HttpRequestException http)
        => http.InnerException is { } inner ? $"{http.Message} ({inner.Message})" : http.Message;

    // Only BCL exceptions are kept as the inner exception, never an AWSSDK type.
    private static Exception? Root(Exception error)
    {
        Exception? root = null;
        for (var e = error; e is not null; e = e.InnerException)
            if (e.GetType().Assembly == typeof(object).Assembly || e is HttpRequestException) root = e;
        return root;
    }
}
