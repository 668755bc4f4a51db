using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using GladiaPS.Emulator;
using GladiaPS.TestSupport.ToneWords;
using Xunit;

namespace GladiaPS.Driver.Tests
{
    /// <summary>The driver's command line against the local server: its JSON lines, summary and exit codes.</summary>
    public sealed class DriverCommandLineTests : IAsyncLifetime, IDisposable
    {
        private const string ApiKey = "driver-test-key-5f1c";
        private readonly string _folder = Directory.CreateTempSubdirectory("gladiaps-driver-").FullName;
        private GladiaEmulator _emulator = null!;

        public async Task InitializeAsync() => _emulator = await GladiaEmulator.StartAsync(new EmulatorOptions { ApiKey = ApiKey });

        public async Task DisposeAsync() => await _emulator.DisposeAsync();

        public void Dispose() => Directory.Delete(_folder, recursive: true);

        [Fact]
        public async Task StreamsEachFileIntoItsOwnSession_AndPrintsTranscriptsAndASummary()
        {
            var mono = WriteWav("mono.wav", ToneAudioFormat.Pcm16(16000), "alpha bravo | charlie");
            var stereo = WriteWav("stereo.wav", ToneAudioFormat.Pcm16(8000, channels: 2), "delta | echo foxtrot", "golf");

            var result = await DriverProcess.RunAsync("--api-url", _emulator.BaseUrl.ToString(), "--api-key", ApiKey, "--pace", "max", mono.Path, stereo.Path);

            Assert.True(result.ExitCode == 0, result.StandardError);
            var lines = result.StandardOutput.Select(line => JsonDocument.Parse(line).RootElement).ToList();
            var summaries = lines.Where(line => line.TryGetProperty("summary", out _)).Select(line => line.GetProperty("summary")).ToList();
            Assert.Equal(2, summaries.Count);
            Assert.True(lines.Last().TryGetProperty("summary", out _), "the last line is a summary");

            // The lines of each file end with its summary; split the output there.
            var firstEnd = lines.FindIndex(line => line.TryGetProperty("summary", out _));
            AssertSession(lines.Take(firstEnd + 1).ToList(), mono, new[] { "alpha bravo", "charlie" }, new string[0]);
            AssertSession(lines.Skip(firstEnd + 1).ToList(), stereo, new[] { "delta", "echo foxtrot" }, new[] { "golf" });
            Assert.NotEqual(summaries[0].GetProperty("session_id").GetString(), summaries[1].GetProperty("session_id").GetString());
            Assert.DoesNotContain(ApiKey, string.Join("\n", result.StandardOutput) + result.StandardError);
        }

        [Fact]
        public async Task ResumesAfterForcedDisconnects_WithTheSameTranscript()
        {
            var file = WriteWav("drops.wav", ToneAudioFormat.Pcm16(16000), "hotel india | juliett kilo | lima");
            _emulator.Faults.Set(new FaultSettings { DropAfterBytes = 20_000, Drops = 3 });

            var result = await DriverProcess.RunAsync("--api-url", _emulator.BaseUrl.ToString(), "--api-key", ApiKey, file.Path);

            Assert.True(result.ExitCode == 0, result.StandardError);
            var lines = result.StandardOutput.Select(line => JsonDocument.Parse(line).RootElement).ToList();
            var summary = AssertSession(lines, file, new[] { "hotel india", "juliett kilo", "lima" }, new string[0]);
            Assert.Equal(3, summary.GetProperty("reconnects").GetInt32());
            Assert.Equal(_emulator.FindSession(summary.GetProperty("session_id").GetString()!)!.KeptBytes, file.DataBytes);
        }

        [Fact]
        public async Task AServerThatClosesEveryConnection_IsGivenUpAfterTheBudget_WithOneLineSayingWhatItDid()
        {
            var file = WriteWav("refused.wav", ToneAudioFormat.Pcm16(16000), "november");
            _emulator.Faults.Set(new FaultSettings { CloseConnectionsCode = 1011 });

            var result = await DriverProcess.RunAsync("--api-url", _emulator.BaseUrl.ToString(), "--api-key", ApiKey, "--reconnect-budget", "3", file.Path);

            Assert.Equal(1, result.ExitCode);
            var error = result.StandardError.TrimEnd('\n', '\r');
            Assert.DoesNotContain('\n', error);
            Assert.Contains("ConnectionFailed", error);
            Assert.Contains("3 connection attempts", error);
            Assert.Contains("closed it with 1011 (internal server error: emulated refusal)", error);
            var session = Assert.Single(_emulator.Sessions);
            Assert.Equal(3, session.RefusedConnections);
        }

        [Fact]
        public async Task AWrongKey_FailsWithOneLineOnStandardError_NamingTheStatus()
        {
            var file = WriteWav("key.wav", ToneAudioFormat.Pcm16(16000), "mike");
            const string wrongKey = "wrong-key-8e2d";

            var result = await DriverProcess.RunAsync("--api-url", _emulator.BaseUrl.ToString(), "--api-key", wrongKey, file.Path);

            Assert.NotEqual(0, result.ExitCode);
            var error = result.StandardError.TrimEnd('\n', '\r');
            Assert.DoesNotContain('\n', error);
            Assert.Contains("401", error);
            Assert.DoesNotContain(wrongKey, error);
            Assert.DoesNotContain(result.StandardOutput, line => line.Contains("\"transcript\""));
        }

        [Fact]
        public async Task AMissingFile_FailsWithAnErrorNamingIt()
        {
            var missing = Path.Combine(_folder, "not-there.wav");

            var result = await DriverProcess.RunAsync("--api-url", _emulator.BaseUrl.ToString(), "--api-key", ApiKey, missing);

            Assert.NotEqual(0, result.ExitCode);
            Assert.Contains("not-there.wav", result.StandardError);
        }

        [Fact]
        public async Task BadArguments_ExitWithTheUsage()
        {
            var result = await DriverProcess.RunAsync("--api-url", _emulator.BaseUrl.ToString(), "--pace", "sometimes", "x.wav");

            Assert.Equal(2, result.ExitCode);
            Assert.Contains("--pace", result.StandardError);
            Assert.Contains("usage:", result.StandardError);
        }

        private static JsonElement AssertSession(
            System.Collections.Generic.IReadOnlyList<JsonElement> lines, ToneFile file, string[] channel0, string[] channel1)
        {
            string[] Texts(int channel) => lines
                .Where(line => line.TryGetProperty("type", out var type) && type.GetString() == "transcript" && line.GetProperty("channel").GetInt32() == channel)
                .Select(line => line.GetProperty("text").GetString()!)
                .ToArray();

            Assert.Equal(channel0, Texts(0));
            Assert.Equal(channel1, Texts(1));
            var summary = lines.Last().GetProperty("summary");
            // The file is already in a session format, so what is acknowledged is exactly its audio; what was
            // sent is that, plus whatever a reconnect had to send again.
            Assert.Equal(file.DataBytes, summary.GetProperty("bytes_acked").GetInt64());
            var sent = summary.GetProperty("bytes_sent").GetInt64();
            Assert.True(summary.GetProperty("reconnects").GetInt32() > 0 ? sent >= file.DataBytes : sent == file.DataBytes, $"bytes_sent {sent}");
            Assert.True(summary.GetProperty("elapsed_ms").GetInt64() >= 0);
            return summary;
        }

        private ToneFile WriteWav(string name, ToneAudioFormat format, params string[] phrases)
        {
            var clip = ToneAudio.Generate(format, phrases);
            var path = Path.Combine(_folder, name);
            File.WriteAllBytes(path, clip.ToWav());
            return new ToneFile(path, clip.Raw.Length);
        }

        private sealed record ToneFile(string Path, long DataBytes);
    }
}
