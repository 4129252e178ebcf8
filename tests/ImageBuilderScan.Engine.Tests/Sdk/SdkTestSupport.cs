using System.Collections.Concurrent;

namespace ImageBuilderScan.Engine.Tests.Sdk;

internal static class SdkTestSupport
{
    public const string AccessKey = "AKIDEXAMPLESDKTEST00";
    public const string SecretKey = "SdkTestSecretKeyThatMustNeverBeLogged0000";
    public const string SessionToken = "SdkTestSessionTokenThatMustNeverBeLogged";

    public static ScanClientOptions Options(ScriptedServer server, RecordingLog? log = null, int? maxAttempts = null,
        TimeSpan? timeout = null, string? sessionToken = null) =>
        TestClientOptions.For(server.BaseAddress, AccessKey, SecretKey, "us-west-2", sessionToken, log, maxAttempts, timeout);

    public static IImageBuilderTransport Create(ScanClientOptions options) =>
        SdkTransportFactory.Create(options, out _) ?? throw new InvalidOperationException("these options name no region");
}
