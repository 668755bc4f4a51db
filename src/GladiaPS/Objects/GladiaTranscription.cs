using System;
using System.Collections.Generic;
using System.Linq;
using GladiaPS.Core.Models;

namespace GladiaPS
{
    /// <summary>
    /// A pre-recorded job and, once done, its result: flat for the pipeline, the typed result and the answer's JSON one
    /// property away. Also what Invoke-GladiaTranscription -NoWait writes for each job it created.
    /// </summary>
    public sealed class GladiaTranscription
    {
        internal GladiaTranscription(PreRecordedJob job, string? path)
        {
            Job = job;
            Path = path;
        }

        internal PreRecordedJob Job { get; }

        public string Id => Job.Id;

        /// <summary>The job's id under the name transcripts carry (binds to Get-GladiaTranscription and the other job commands).</summary>
        public string JobId => Job.Id;

        /// <summary>queued, processing, done or error.</summary>
        public string Status => Job.Status;

        /// <summary>The file that was uploaded for it, when it came from a file in this command.</summary>
        public string? Path { get; }

        public string? FileName => Job.File?.Filename;

        public DateTimeOffset? CreatedAt => Job.CreatedAt;

        public DateTimeOffset? CompletedAt => Job.CompletedAt;

        public double? AudioDuration => Job.Result?.Metadata?.AudioDuration ?? Job.File?.AudioDuration;

        public int? Channels => Job.File?.NumberOfChannels ?? Job.Result?.Metadata?.NumberOfDistinctChannels;

        /// <summary>The whole transcript (redacted when PII redaction ran).</summary>
        public string FullTranscript => Job.Result?.FullTranscript ?? string.Empty;

        public IReadOnlyList<Utterance> Utterances => Job.Result?.Utterances ?? Array.Empty<Utterance>();

        /// <summary>How many speakers diarization found (0 without diarization).</summary>
        public int Speakers => Utterances.Where(u => u.Speaker is not null).Select(u => u.Speaker).Distinct().Count();

        public IReadOnlyList<string> Languages => Job.Result?.Transcription?.Languages ?? Array.Empty<string>();

        public IReadOnlyList<SubtitleFile> Subtitles => Job.Result?.Subtitles ?? Array.Empty<SubtitleFile>();

        public IReadOnlyList<Sentence> Sentences => Job.Result?.Sentences ?? Array.Empty<Sentence>();

        public string? Summary => Job.Result?.Summary;

        public IReadOnlyList<TranslationResult> Translations => Job.Result?.Translation?.Results ?? Array.Empty<TranslationResult>();

        public IReadOnlyList<NamedEntity> NamedEntities => Job.Result?.NamedEntityRecognition?.Results ?? Array.Empty<NamedEntity>();

        public IReadOnlyList<AudioToLlmAnswer> AudioToLlm => Job.Result?.AudioToLlm?.Answers ?? Array.Empty<AudioToLlmAnswer>();

        public IReadOnlyDictionary<string, object?>? CustomMetadata => Job.CustomMetadata;

        /// <summary>The server's code when the job ended in error.</summary>
        public int? ErrorCode => Job.ErrorCode;

        public bool IsDone => Job.IsDone;

        /// <summary>The typed result (every block, and the ones without a property in <see cref="PreRecordedResult.OtherFields"/>).</summary>
        public PreRecordedResult? Result => Job.Result;

        /// <summary>The job as the server sent it (JSON).</summary>
        public string Raw => Job.Raw;

        public override string ToString() => Id + " " + Status;
    }
}
