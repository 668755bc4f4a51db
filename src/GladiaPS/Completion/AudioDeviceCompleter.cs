using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Threading;
using GladiaPS.Core.Capture;

namespace GladiaPS.Completion
{
    /// <summary>Suggests the names of this computer's capture devices (or, after -Loopback, its outputs).</summary>
    public sealed class AudioDeviceCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(
            string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var loopback = fakeBoundParameters.Contains("Loopback");
            IReadOnlyList<AudioDevice> devices;
            try
            {
                using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(3));
                var selector = AudioDeviceSelector.ForThisPlatformAsync(cancellationToken: limit.Token).GetAwaiter().GetResult();
                devices = selector.GetDevicesAsync(limit.Token).GetAwaiter().GetResult();
            }
            catch (Exception exception) when (exception is AudioCaptureException or OperationCanceledException)
            {
                return Enumerable.Empty<CompletionResult>();
            }

            var word = (wordToComplete ?? string.Empty).Trim('\'', '"');
            return devices
                .Where(d => d.Kind == (loopback ? AudioDeviceKind.Loopback : AudioDeviceKind.Capture))
                .Where(d => d.Name.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0 || d.Id.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0)
                .Select(d => new CompletionResult("'" + d.Name.Replace("'", "''") + "'", d.Name, CompletionResultType.ParameterValue, d + (d.IsDefault ? " - default" : string.Empty)));
        }
    }
}
