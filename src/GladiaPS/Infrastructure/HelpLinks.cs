namespace GladiaPS.Infrastructure
{
    /// <summary>Where each cmdlet's help page is online (Get-Help -Online): its markdown in the repository's docs/help.</summary>
    internal static class HelpLinks
    {
        /// <summary>The project's public repository: the same address as the manifest's ProjectUri.</summary>
        public const string Repository = "https://github.com/GladiaPS/GladiaPS";

        /// <summary>The folder of the help pages; a cmdlet's page is its name with ".md".</summary>
        public const string Help = Repository + "/blob/main/docs/help/";
    }
}
