using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using GladiaPS.Emulator.Tests.Support;
using Xunit;

namespace GladiaPS.Emulator.Tests
{
    /// <summary>The emulator started as a process, the way scripts and other test suites start it.</summary>
    public sealed class CommandLineTests
    {
        private static readonly string[] DocumentedFlags =
        {
            "--port", "--api-key", "--redirect-file-downloads", "--temp-dir", "--help", "--drop-after-bytes", "--drops",
            "--drop-close-code", "--ack-delay-ms", "--stall", "--read-bytes-per-second", "--init-fail-status",
            "--init-fail-count", "--retry-after-seconds", "--send-non-json-frame", "--send-unknown-message-type",
            "--max-session-seconds", "--close-connections-code", "--refuse-connections-status", "--send-invalid-utf8-frame",
            "--upload-max-bytes", "--upload-read-bytes-per-second", "--job-seconds", "--job-error-code", "--job-error-match",
            "--create-fail-status", "--create-fail-count", "--list-job-ids", "--message-session-id", "--job-answer-id", "--endless-file",
        };

        [Fact]
        public async Task Prints_where_it_listens_first_then_serves_with_the_flags_applied_until_killed()
        {
            using var process = Start("--port", "0", "--api-key", "cli-key", "--drop-after-bytes", "64000", "--drops", "2",
                "--drop-close-code", "4003", "--ack-delay-ms", "15", "--stall", "--init-fail-status", "429", "--init-fail-count", "1",
                "--max-session-seconds", "90", "--send-unknown-message-type", "--close-connections-code", "1013",
                "--refuse-connections-status", "503");
            try
            {
                var first = await process.StandardOutput.ReadLineAsync().WaitAsync(TestEmulator.Timeout);
                var match = Regex.Match(first ?? string.Empty, @"^listening (http://127\.0\.0\.1:(\d+))$");
                Assert.True(match.Success, $"first line was '{first}'");
                Assert.NotEqual("0", match.Groups[2].Value);

                using var http = new HttpClient { BaseAddress = new Uri(match.Groups[1].Value), Timeout = TestEmulator.Timeout };
                http.DefaultRequestHeaders.Add("x-gladia-key", "cli-key");
                var faults = await TestEmulator.GetJsonAsync(http, "/emulator/faults");
                Assert.Equal(64000, (long)faults["drop_after_bytes"]!);
                Assert.Equal(2, (int)faults["drops"]!);
                Assert.Equal(4003, (int)faults["drop_close_code"]!);
                Assert.Equal(15, (int)faults["ack_delay_ms"]!);
                Assert.True((bool)faults["stall"]!);
                Assert.True((bool)faults["send_unknown_message_type"]!);
                Assert.Equal(90, (double)faults["max_session_seconds"]!);
                Assert.Equal(1013, (int)faults["close_connections_code"]!);
                Assert.Equal(503, (int)faults["refuse_connections_status"]!);

                var (status, _, response) = await TestEmulator.PostInitAsync(http, "{}");
                Assert.Equal(429, status);
                Assert.NotNull(response.Headers.RetryAfter);
                var (created, _, _) = await TestEmulator.PostInitAsync(http, "{}");
                Assert.Equal(201, created);
                Assert.False(process.HasExited);
            }
            finally
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync().WaitAsync(TestEmulator.Timeout);
            }

            Assert.Equal(string.Empty, await process.StandardError.ReadToEndAsync());
        }

        [Fact]
        public async Task Takes_the_pre_recorded_and_hostile_faults_as_flags_too()
        {
            using var process = Start("--port", "0", "--api-key", "cli-key", "--upload-max-bytes", "10000", "--upload-read-bytes-per-second", "50000",
                "--job-seconds", "0", "--job-error-code", "500", "--job-error-match", "broken", "--create-fail-status", "429", "--create-fail-count", "2",
                "--retry-after-seconds", "3", "--send-invalid-utf8-frame", "--list-job-ids", "a,b", "--message-session-id", "m-1",
                "--job-answer-id", "j-1", "--endless-file");
            try
            {
                var first = await process.StandardOutput.ReadLineAsync().WaitAsync(TestEmulator.Timeout);
                var match = Regex.Match(first ?? string.Empty, @"^listening (http://127\.0\.0\.1:\d+)$");
                Assert.True(match.Success, $"first line was '{first}'");
                using var http = new HttpClient { BaseAddress = new Uri(match.Groups[1].Value), Timeout = TestEmulator.Timeout };
                http.DefaultRequestHeaders.Add("x-gladia-key", "cli-key");

                var faults = await TestEmulator.GetJsonAsync(http, "/emulator/faults");
                Assert.Equal(10000, (long)faults["upload_max_bytes"]!);
                Assert.Equal(50000, (long)faults["upload_read_bytes_per_second"]!);
                Assert.Equal(0, (double)faults["job_seconds"]!);
                Assert.Equal(500, (int)faults["job_error_code"]!);
                Assert.Equal("broken", (string)faults["job_error_match"]!);
                Assert.Equal(429, (int)faults["create_fail_status"]!);
                Assert.Equal(2, (int)faults["create_fail_count"]!);
                Assert.True((bool)faults["send_invalid_utf8_frame"]!);
                Assert.Equal("a,b", string.Join(",", faults["list_job_ids"]!.AsArray().Select(n => (string)n!)));
                Assert.Equal("m-1", (string)faults["message_session_id"]!);
                Assert.Equal("j-1", (string)faults["job_answer_id"]!);
                Assert.True((bool)faults["endless_file"]!);

                // The create fault is in force from the start: a 429 that says when to ask again.
                using var create = await http.PostAsync("/v2/pre-recorded",
                    new StringContent("{\"audio_url\":\"https://example.com/a.wav\"}", System.Text.Encoding.UTF8, "application/json"));
                Assert.Equal(429, (int)create.StatusCode);
                Assert.Equal(TimeSpan.FromSeconds(3), create.Headers.RetryAfter?.Delta);
            }
            finally
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync().WaitAsync(TestEmulator.Timeout);
            }

            Assert.Equal(string.Empty, await process.StandardError.ReadToEndAsync());
        }

        [Fact]
        public async Task Help_documents_every_flag()
        {
            using var process = Start("--help");
            var output = await process.StandardOutput.ReadToEndAsync().WaitAsync(TestEmulator.Timeout);
            await process.WaitForExitAsync().WaitAsync(TestEmulator.Timeout);

            Assert.Equal(0, process.ExitCode);
            foreach (var flag in DocumentedFlags) Assert.Contains(flag, output, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("unknown option '--bogus'", "--api-key", "k", "--bogus")]
        [InlineData("--api-key is required", "--port", "0")]
        [InlineData("--drop-close-code must be an integer from 1000 to 4999", "--api-key", "k", "--drop-close-code", "99")]
        [InlineData("drop_close_code must be", "--api-key", "k", "--drop-close-code", "1006")]
        [InlineData("--port needs a value", "--api-key", "k", "--port")]
        [InlineData("--job-seconds must be a number from 0 to 3600", "--api-key", "k", "--job-seconds", "-1")]
        [InlineData("--job-seconds must be a number from 0 to 3600", "--api-key", "k", "--job-seconds", "NaN")]
        [InlineData("--create-fail-status must be an integer from 400 to 599", "--api-key", "k", "--create-fail-status", "200")]
        [InlineData("--upload-read-bytes-per-second must be an integer of at least 1", "--api-key", "k", "--upload-read-bytes-per-second", "0")]
        [InlineData("--job-error-match needs a value", "--api-key", "k", "--job-error-match")]
        public async Task Bad_arguments_exit_2_naming_the_problem(string expected, params string[] args)
        {
            using var process = Start(args);
            var error = await process.StandardError.ReadToEndAsync().WaitAsync(TestEmulator.Timeout);
            await process.WaitForExitAsync().WaitAsync(TestEmulator.Timeout);

            Assert.Equal(2, process.ExitCode);
            Assert.Contains(expected, error, StringComparison.Ordinal);
        }

        private static Process Start(params string[] args)
        {
            var dll = Path.Combine(AppContext.BaseDirectory, "GladiaPS.Emulator.dll");
            Assert.True(File.Exists(dll), $"{dll} is missing");
            var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            info.ArgumentList.Add(dll);
            foreach (var arg in args) info.ArgumentList.Add(arg);
            return Process.Start(info)!;
        }
    }
}
