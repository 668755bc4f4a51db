using System;
using System.Linq;
using System.Management.Automation;
using GladiaPS.Infrastructure;

namespace GladiaPS.Commands
{
    /// <summary>The live sessions opened in this PowerShell session, with their status now; removing the module closes those still open.</summary>
    [Cmdlet(VerbsCommon.Get, "GladiaLiveSession", HelpUri = HelpLinks.Help + "Get-GladiaLiveSession.md")]
    [OutputType(typeof(GladiaSession))]
    public sealed class GetGladiaLiveSessionCommand : PSCmdlet
    {
        /// <summary>Only sessions with these ids (wildcards allowed).</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("SessionId")]
        [SupportsWildcards]
        public string[]? Id { get; set; }

        /// <summary>Only sessions in these states (Starting, Connecting, Connected, Reconnecting, Ending, Ended).</summary>
        [Parameter]
        [ValidateSet("Starting", "Connecting", "Connected", "Reconnecting", "Ending", "Ended", IgnoreCase = true)]
        public string[]? Status { get; set; } // names, not the core's enum: the core loads only after the module's import has set up its dependencies

        /// <summary>Sessions of every runspace in this process, not only this one.</summary>
        [Parameter]
        public SwitchParameter AllRunspaces { get; set; }

        protected override void ProcessRecord()
        {
            var runspace = System.Management.Automation.Runspaces.Runspace.DefaultRunspace?.InstanceId ?? Guid.Empty;
            var patterns = Id?.Select(i => WildcardPattern.Get(i, WildcardOptions.IgnoreCase)).ToArray();
            foreach (var session in SessionRegistry.Snapshot())
            {
                if (!AllRunspaces && session.RunspaceId != runspace)
                {
                    continue;
                }

                if (patterns is not null && !patterns.Any(p => session.Id is not null && p.IsMatch(session.Id)))
                {
                    continue;
                }

                if (Status is { Length: > 0 } && !Status.Contains(session.Status.ToString(), StringComparer.OrdinalIgnoreCase))
                {
                    continue;
                }

                WriteObject(session);
            }
        }
    }
}
