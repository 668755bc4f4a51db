using System;
using System.Management.Automation;

namespace GladiaPS
{
    /// <summary>
    /// On import, sets up loading of the core and its dependencies from the module's dependencies/ folder
    /// (before any cmdlet touches them); on removal, closes the sessions the runspace still has open, so the
    /// server finishes them. Sessions still open when the process exits are closed too (SessionRegistry).
    /// </summary>
    public sealed class ModuleInitAndCleanup : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        public void OnImport() => Loading.DependencyLoader.Register();

        public void OnRemove(PSModuleInfo psModuleInfo)
        {
            var runspace = System.Management.Automation.Runspaces.Runspace.DefaultRunspace?.InstanceId;
            Infrastructure.SessionRegistry.CloseAll(runspace, TimeSpan.FromSeconds(3));
        }
    }
}
