using System;
using System.Collections.Generic;
using System.Linq;
using GladiaPS.Core.Models;

namespace GladiaPS
{
    /// <summary>A live session's job as GET /v2/live/{id} returns it, flat for the pipeline; the JSON is in <see cref="Raw"/>.</summary>
    public sealed class GladiaLiveResult
    {
        internal GladiaLiveResult(LiveJob job)
        {
            Job = job;
        }

        internal LiveJob Job { get; }

        public string Id => Job.Id;

        /// <summary>The same as <see cref="Id"/>, so results bind by property name wherever a session id is asked for.</summary>
        public string SessionId => Job.Id;

        /// <summary>queued, processing, done or error.</summary>
        public string Status => Job.Status;

        public DateTimeOffset? CreatedAt => Job.CreatedAt;

        public DateTimeOffset? CompletedAt => Job.CompletedAt;

        /// <summary>Seconds of audio the session received.</summary>
        public double? AudioDuration => Job.Result?.Metadata?.AudioDuration ?? Job.File?.AudioDuration;

        public int? Channels => Job.File?.NumberOfChannels ?? Job.Result?.Metadata?.NumberOfDistinctChannels;

        public string FullTranscript => Job.Result?.FullTranscript ?? string.Empty;

        public IReadOnlyList<Utterance> Utterances => Job.Result?.Utterances ?? Array.Empty<Utterance>();

        public IReadOnlyList<string> Languages => Job.Result?.Transcription?.Languages ?? Array.Empty<string>();

        public string? Summary => Job.Result?.Summarization?.Results;

        public IReadOnlyList<TranslationResult> Translations => Job.Result?.Translation?.Results ?? Array.Empty<TranslationResult>();

        public IReadOnlyList<NamedEntity> NamedEntities => Job.Result?.NamedEntityRecognition?.Results ?? Array.Empty<NamedEntity>();

        public IReadOnlyList<SentimentResult> Sentiments => Job.Result?.SentimentAnalysis?.Results ?? Array.Empty<SentimentResult>();

        /// <summary>The chapters of the chapterization add-on, when it ran.</summary>
        public IReadOnlyList<GladiaPS.Core.Messages.Chapter> Chapters => Job.Result?.Chapterization?.Chapters ?? Array.Empty<GladiaPS.Core.Messages.Chapter>();

        public IReadOnlyDictionary<string, object?>? CustomMetadata => Job.CustomMetadata;

        /// <summary>The job's error code when it failed, else null.</summary>
        public int? ErrorCode => Job.ErrorCode;

        /// <summary>What went wrong in each add-on that failed (translation, summary…), else empty.</summary>
        public IReadOnlyList<string> Errors => new AddonBlock?[]
            {
                Job.Result?.Translation, Job.Result?.Summarization, Job.Result?.NamedEntityRecognition, Job.Result?.SentimentAnalysis, Job.Result?.Chapterization,
            }
            .Where(b => b?.Error is not null).Select(b => b!.GetType().Name.Replace("Block", string.Empty) + ": " + b!.Error).ToArray();

        public bool IsDone => Job.IsDone;

        /// <summary>The job as JSON, as the server sent it.</summary>
        public string Raw => Job.Raw;

        public override string ToString() => Id + " " + Status;
    }
}
