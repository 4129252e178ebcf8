using System.Net.Sockets;
using System.Text.Json;
using Amazon.Runtime;
using ImageBuilderScan.Engine.Errors;

namespace ImageBuilderScan.Engine.Sdk;

/// <summary>
/// Turns whatever the SDK pipeline threw into the engine's exceptions, so no AWSSDK type leaves
/// the engine: service errors by code, malformed bodies as protocol errors, connection failures and
/// timeouts as network errors. Cancellation by the caller stays an <see cref="OperationCanceledException"/>.
/// SDK exceptions are not kept as inner exceptions (they are AWSSDK types). Service messages pass through
/// <see cref="SecretRedaction"/>: a signature mismatch echoes the canonical request, session token included.
/// </summary>
internal static class ErrorTranslator
{
    public static Exception Translate(Exception error, CancellationToken cancellationToken)
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

        if (Find<TimeoutException>(error) is not null || error is OperationCanceledException)
            return new ScanNetworkException("The request timed out before the service answered completely.", timedOut: true, Root(error));

        if (Find<SocketException>(error) is { } socket)
            return new ScanNetworkException($"Could not reach the service: {socket.Message}", timedOut: false, socket);
        if (Find<HttpRequestException>(error) is { } http)
            return new ScanNetworkException($"The request failed: {Describe(http)}", timedOut: false, Root(error));
        if (Find<IOException>(error) is { } io)
            return new ScanNetworkException($"The connection failed: {io.Message}", timedOut: false, io);

        if (error is AmazonClientException client)
            return new ScanConfigurationException("CredentialsUnavailable", $"The request could not be prepared: {SecretRedaction.ServiceMessage(client.Message)}");

        return new ScanNetworkException($"The request failed: {error.Message}", timedOut: false, Root(error));
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
