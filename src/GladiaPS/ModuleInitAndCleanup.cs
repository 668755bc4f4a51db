using System;
using System.Management.Automation;

namespace GladiaPS
{
    /// <summary>Closes the sessions a runspace still has open when the module is removed from it, so the server finishes them.</summary>
    public sealed class ModuleInitAndCleanup : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        public void OnImport()
        {
        }

        public void OnRemove(PSModuleInfo psModuleInfo)
        {
            var runspace = System.Management.Automation.Runspaces.Runspace.DefaultRunspace?.InstanceId;
            Infrastructure.SessionRegistry.CloseAll(runspace, TimeSpan.FromSeconds(3));
        }
    }
}
