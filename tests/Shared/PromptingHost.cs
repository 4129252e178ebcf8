// Explicit usings and nullable context: pwsh compiles this file with Add-Type (neither is implicit there) for the Pester suites.
#nullable enable
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using System.Text;
using System.Threading;

namespace ImageBuilderScan.Tests.Shared;

/// <summary>One question a command asked through the host, and the thread it was asked on.</summary>
public sealed record HostPrompt(string Caption, string Message, IReadOnlyList<string> Fields, int ThreadId);

/// <summary>
/// A PowerShell host for a runspace of a test: a person who answers every prompt with <see cref="Answer"/> (as typed,
/// into a masked field when the field asks for a SecureString) and a screen that keeps whatever was written to it.
/// Read, prompt and credential calls besides <c>Prompt</c> are refused, so a command that asks another way fails loudly.
/// </summary>
public sealed class PromptingHost(string answer) : PSHost
{
    private readonly PromptingUserInterface _ui = new(answer);

    public string Answer => answer;
    public IReadOnlyCollection<HostPrompt> Prompts => _ui.Prompts;
    /// <summary>Everything written to the host (output, errors, warnings, verbose, debug, progress).</summary>
    public string Screen => _ui.Screen;

    public override string Name => "ImageBuilderScan.Tests.PromptingHost";
    public override Version Version { get; } = new(1, 0);
    public override Guid InstanceId { get; } = Guid.NewGuid();
    public override PSHostUserInterface UI => _ui;
    public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;
    public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;
    public override void SetShouldExit(int exitCode) { }
    public override void EnterNestedPrompt() => throw new NotSupportedException();
    public override void ExitNestedPrompt() => throw new NotSupportedException();
    public override void NotifyBeginApplication() { }
    public override void NotifyEndApplication() { }

    private sealed class PromptingUserInterface(string answer) : PSHostUserInterface
    {
        private readonly StringBuilder _screen = new();
        private readonly ConcurrentQueue<HostPrompt> _prompts = new();

        public IReadOnlyCollection<HostPrompt> Prompts => _prompts.ToArray();
        public string Screen { get { lock (_screen) return _screen.ToString(); } }

        public override PSHostRawUserInterface? RawUI => null;

        public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions)
        {
            var fields = new List<string>();
            var answers = new Dictionary<string, PSObject>();
            foreach (var field in descriptions)
            {
                fields.Add(field.Name);
                object value = answer;
                if (field.ParameterAssemblyFullName.StartsWith(typeof(SecureString).FullName!, StringComparison.Ordinal))
                {
                    var secure = new SecureString();
                    foreach (var c in answer) secure.AppendChar(c);
                    secure.MakeReadOnly();
                    value = secure;
                }
                answers[field.Name] = PSObject.AsPSObject(value);
            }
            _prompts.Enqueue(new HostPrompt(caption, message, fields, Environment.CurrentManagedThreadId));
            Write(caption + "\n" + message + "\n");
            return answers;
        }

        public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice) => throw new NotSupportedException("PromptForChoice");
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) => throw new NotSupportedException("PromptForCredential");
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) => throw new NotSupportedException("PromptForCredential");
        public override string ReadLine() => throw new NotSupportedException("ReadLine");
        public override SecureString ReadLineAsSecureString() => throw new NotSupportedException("ReadLineAsSecureString");

        public override void Write(string value) { lock (_screen) _screen.Append(value); }
        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Write(value);
        public override void WriteLine(string value) => Write(value + "\n");
        public override void WriteErrorLine(string value) => Write(value + "\n");
        public override void WriteDebugLine(string message) => Write("DEBUG: " + message + "\n");
        public override void WriteVerboseLine(string message) => Write("VERBOSE: " + message + "\n");
        public override void WriteWarningLine(string message) => Write("WARNING: " + message + "\n");
        public override void WriteProgress(long sourceId, ProgressRecord record) => Write("PROGRESS: " + record.StatusDescription + "\n");
    }
}
