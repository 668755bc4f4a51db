using System;
using System.Linq;
using System.Management.Automation;
using GladiaPS.Core.Capture;
using GladiaPS.Infrastructure;

namespace GladiaPS.Commands
{
    /// <summary>The devices Send-GladiaAudio -Device can capture: microphones, and the outputs whose sound can be captured (loopback).</summary>
    [Cmdlet(VerbsCommon.Get, "GladiaAudioDevice", HelpUri = HelpLinks.Help + "Get-GladiaAudioDevice.md")]
    [OutputType("GladiaPS.Core.Capture.AudioDevice")]
    public sealed class GetGladiaAudioDeviceCommand : GladiaCmdletBase
    {
        /// <summary>Only devices whose name or id matches (wildcards allowed).</summary>
        [Parameter(Position = 0)]
        [SupportsWildcards]
        public string? Name { get; set; }

        /// <summary>Capture (microphones and inputs) or Loopback (outputs); both when omitted.</summary>
        [Parameter]
        [ValidateSet("Capture", "Loopback", IgnoreCase = true)]
        public string? Kind { get; set; }

        /// <summary>Only the default device of each kind.</summary>
        [Parameter]
        public SwitchParameter Default { get; set; }

        protected override void EndProcessing()
        {
            var pattern = Name is null ? null : WildcardPattern.Get(Name, WildcardOptions.IgnoreCase);
            try
            {
                var devices = Run(async token =>
                {
                    var selector = await AudioDeviceSelector.ForThisPlatformAsync(cancellationToken: token).ConfigureAwait(false);
                    return await selector.GetDevicesAsync(token).ConfigureAwait(false);
                });
                foreach (var device in devices)
                {
                    if ((pattern is null || pattern.IsMatch(device.Name) || pattern.IsMatch(device.Id)) &&
                        (Kind is null || string.Equals(device.Kind.ToString(), Kind, StringComparison.OrdinalIgnoreCase)) &&
                        (!Default || device.IsDefault))
                    {
                        WriteObject(device);
                    }
                }
            }
            catch (AudioCaptureException exception)
            {
                ThrowTerminatingError(new ErrorRecord(exception, "AudioDevicesUnavailable", ErrorCategory.ResourceUnavailable, null));
            }
        }
    }
}
