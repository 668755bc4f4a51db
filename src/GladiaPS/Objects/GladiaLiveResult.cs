using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using GladiaPS.Core.Models;

namespace GladiaPS
{
    /// <summary>A live session's job as GET /v2/live/{id} returns it, flat for the pipeline; the JSON is in <see cref="Raw"/>.</summary>
    public sealed class GladiaLiveResult
    {
        internal GladiaLiveResult(LiveJob job, IReadOnlyList<string>? paths)
        {
            Job = job;
            Paths = JoinedList.Of(paths, JoinedList.ValueSeparator);
        }

        internal LiveJob Job { get; }

        public string Id => Job.Id;

        /// <summary>The same as <see cref="Id"/>, so results bind by property name wherever a session id is asked for.</summary>
        public string SessionId => Job.Id;

        /// <summary>queued, processing, done or error.</summary>
        public string Status => Job.Status;

        /// <summary>The file the session's audio came from, when this PowerShell session sent it (Send-GladiaAudio) and it is one file; else null.</summary>
        public string? Path => Paths.Count == 1 ? Paths[0] : null;

        /// <summary>Every file this PowerShell session sent into the session (the channels' files for -AsChannels); else empty.</summary>
        public IReadOnlyList<string> Paths { get; }

        public DateTimeOffset? CreatedAt => Job.CreatedAt;

        public DateTimeOffset? CompletedAt => Job.CompletedAt;

        /// <summary>Seconds of audio the session received.</summary>
        public double? AudioDuration => Job.Result?.Metadata?.AudioDuration ?? Job.File?.AudioDuration;

        public int? Channels => Job.File?.NumberOfChannels ?? Job.Result?.Metadata?.NumberOfDistinctChannels;

        public string FullTranscript => Job.Result?.FullTranscript ?? string.Empty;

        public IReadOnlyList<Utterance> Utterances => JoinedList.Of(Job.Result?.Utterances, JoinedList.ItemSeparator);

        public IReadOnlyList<string> Languages => JoinedList.Of(Job.Result?.Transcription?.Languages, JoinedList.ValueSeparator);

        public string? Summary => Job.Result?.Summarization?.Results;

        public IReadOnlyList<TranslationResult> Translations => JoinedList.Of(Job.Result?.Translation?.Results, JoinedList.ItemSeparator);

        public IReadOnlyList<NamedEntity> NamedEntities => JoinedList.Of(Job.Result?.NamedEntityRecognition?.Results, JoinedList.ItemSeparator);

        public IReadOnlyList<SentimentResult> Sentiments => JoinedList.Of(Job.Result?.SentimentAnalysis?.Results, JoinedList.ItemSeparator);

        /// <summary>The chapters of the chapterization add-on, when it ran.</summary>
        public IReadOnlyList<GladiaPS.Core.Messages.Chapter> Chapters => JoinedList.Of(Job.Result?.Chapterization?.Chapters, JoinedList.ItemSeparator);

        public IReadOnlyDictionary<string, object?>? CustomMetadata => Job.CustomMetadata;

        /// <summary>The job's error code when it failed, else null.</summary>
        public int? ErrorCode => Job.ErrorCode;

        /// <summary>What went wrong in each add-on that failed (translation, summary…), else empty.</summary>
        public IReadOnlyList<string> Errors => JoinedList.Of(new AddonBlock?[]
            {
                Job.Result?.Translation, Job.Result?.Summarization, Job.Result?.NamedEntityRecognition, Job.Result?.SentimentAnalysis, Job.Result?.Chapterization,
            }
            .Where(b => b?.Error is not null).Select(b => b!.GetType().Name.Replace("Block", string.Empty) + ": " + b!.Error).ToList(), JoinedList.ItemSeparator);

        public bool IsDone => Job.IsDone;

        /// <summary>The job as JSON, as the server sent it. Hidden, so Export-Csv and Format-List * leave it out; <c>$r.Raw</c> reads it.</summary>
        [Hidden]
        public string Raw => Job.Raw;

        public override string ToString() => Id + " " + Status;
    }
}
