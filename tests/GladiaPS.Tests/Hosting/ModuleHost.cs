using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Threading.Tasks;
using GladiaPS.Emulator;
using GladiaPS.TestSupport.ToneWords;
using Xunit;

namespace GladiaPS.Tests.Hosting
{
    /// <summary>
    /// The module as users meet it, hosted in-process: the local Gladia-compatible server on 127.0.0.1 and runspaces
    /// that import GladiaPS from the build output. $env:GLADIA_API_URL is process-wide, so every test that uses this
    /// fixture is in one collection and none runs beside another.
    /// </summary>
    public sealed class ModuleHost : IAsyncLifetime
    {
        /// <summary>A key no other text would contain by chance, so a leak of it anywhere is found.</summary>
        public const string ApiKey = "gk-Zq7vW2xR9tLp4Nf8-host-secret";

        private readonly List<Runspace> _runspaces = new();

        public GladiaEmulator Emulator { get; private set; } = null!;

        /// <summary>A folder of this fixture's own, deleted at the end.</summary>
        public string Folder { get; } = Path.Combine(Path.GetTempPath(), "GladiaPS.Tests-" + Guid.NewGuid().ToString("N"));

        /// <summary>The module manifest the build copies beside the test assembly (GladiaPS.dll, the format file).</summary>
        public static string ModuleManifest => Path.Combine(AppContext.BaseDirectory, "GladiaPS.psd1");

        public async Task InitializeAsync()
        {
            Directory.CreateDirectory(Folder);
            Emulator = await GladiaEmulator.StartAsync(new EmulatorOptions { ApiKey = ApiKey });
            Environment.SetEnvironmentVariable("GLADIA_API_URL", Emulator.BaseUrl.ToString());
            Environment.SetEnvironmentVariable("GLADIA_API_KEY", null);
        }

        public async Task DisposeAsync()
        {
            foreach (var runspace in _runspaces)
            {
                runspace.Dispose();
            }

            Environment.SetEnvironmentVariable("GLADIA_API_URL", null);
            await Emulator.DisposeAsync();
            try
            {
                Directory.Delete(Folder, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: a temp folder.
            }
        }

        /// <summary>A fresh runspace with GladiaPS imported and <c>$key</c> holding the API key.</summary>
        /// <summary>A runspace with the module imported and <c>$s</c>, a new session made with <paramref name="options"/>.</summary>
        public Runspace OpenRunspaceWithSession(string options = "")
        {
            var runspace = OpenRunspace();
            using var create = PowerShell.Create(runspace);
            create.AddScript("$script:s = New-GladiaLiveSession " + options + " -ApiKey $key");
            create.Invoke();
            Assert.Empty(create.Streams.Error);
            return runspace;
        }

        public Runspace OpenRunspace()
        {
            var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
            runspace.Open();
            _runspaces.Add(runspace);
            runspace.SessionStateProxy.SetVariable("key", ApiKey);
            using var ps = PowerShell.Create(runspace);
            ps.AddCommand("Import-Module").AddParameter("Name", ModuleManifest).AddParameter("ErrorAction", "Stop");
            ps.Invoke();
            Assert.False(ps.HadErrors, string.Join("\n", ps.Streams.Error));
            return runspace;
        }

        /// <summary>Writes a tone-word WAV (16-bit, 16 kHz, mono) into <paramref name="folder"/>; "|" separates utterances.</summary>
        public string WriteWav(string folder, string name, string phrase, ToneSignalLayout? layout = null)
        {
            Directory.CreateDirectory(folder);
            var path = Path.Combine(folder, name);
            var format = ToneAudioFormat.Pcm16(16000, 1);
            var clip = layout is null ? ToneAudio.Generate(format, phrase) : ToneAudio.Generate(format, layout, phrase);
            File.WriteAllBytes(path, clip.ToWav());
            return path;
        }

        /// <summary>A new folder inside <see cref="Folder"/>.</summary>
        public string NewFolder(string name)
        {
            var folder = Path.Combine(Folder, name + "-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            Directory.CreateDirectory(folder);
            return folder;
        }

        /// <summary>The utterance texts a phrase is recognised as ("a b | c" gives "a b", "c").</summary>
        public static string[] Utterances(string phrase) =>
            phrase.Split('|').Select(u => string.Join(" ", u.Split(' ', StringSplitOptions.RemoveEmptyEntries))).ToArray();

        /// <summary>The GladiaTranscript objects of a pipeline's output.</summary>
        public static List<GladiaTranscript> Transcripts(IEnumerable<PSObject> output) =>
            output.Select(o => Assert.IsType<GladiaTranscript>(o.BaseObject)).ToList();
    }

    [CollectionDefinition(Name)]
    public sealed class ModuleHostCollection : ICollectionFixture<ModuleHost>
    {
        public const string Name = "GladiaPS module in-process";
    }
}
