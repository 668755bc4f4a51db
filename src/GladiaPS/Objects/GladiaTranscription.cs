using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
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

        public IReadOnlyList<Utterance> Utterances => JoinedList.Of(Job.Result?.Utterances, JoinedList.ItemSeparator);

        /// <summary>
        /// How many speakers diarization found; null when it did not run (a CSV cell left empty, not a count of 0): no
        /// utterance names a speaker and the request did not ask for diarization.
        /// </summary>
        public int? Speakers
        {
            get
            {
                var speakers = Utterances.Where(u => u.Speaker is not null).Select(u => u.Speaker).Distinct().Count();
                var asked = Job.RequestParams is { } sent && sent.TryGetValue("diarization", out var diarization) && diarization is true;
                return speakers > 0 || asked ? speakers : null;
            }
        }

        public IReadOnlyList<string> Languages => JoinedList.Of(Job.Result?.Transcription?.Languages, JoinedList.ValueSeparator);

        public IReadOnlyList<SubtitleFile> Subtitles => JoinedList.Of(Job.Result?.Subtitles, JoinedList.ItemSeparator);

        public IReadOnlyList<Sentence> Sentences => JoinedList.Of(Job.Result?.Sentences, JoinedList.ItemSeparator);

        public string? Summary => Job.Result?.Summary;

        public IReadOnlyList<TranslationResult> Translations => JoinedList.Of(Job.Result?.Translation?.Results, JoinedList.ItemSeparator);

        public IReadOnlyList<NamedEntity> NamedEntities => JoinedList.Of(Job.Result?.NamedEntityRecognition?.Results, JoinedList.ItemSeparator);

        /// <summary>
        /// With -SentimentAnalysis: the sentiment and emotion of each stretch of the transcript (as the live result's
        /// Sentiments). A server answer that is plain text rather than JSON stays in Result.SentimentAnalysis.ResultsText.
        /// </summary>
        public IReadOnlyList<SentimentResult> Sentiments => JoinedList.Of(Job.Result?.SentimentAnalysis?.Results, JoinedList.ItemSeparator);

        public IReadOnlyList<AudioToLlmAnswer> AudioToLlm => JoinedList.Of(Job.Result?.AudioToLlm?.Answers, JoinedList.ItemSeparator);

        public IReadOnlyDictionary<string, object?>? CustomMetadata => Job.CustomMetadata;

        /// <summary>The server's code when the job ended in error.</summary>
        public int? ErrorCode => Job.ErrorCode;

        public bool IsDone => Job.IsDone;

        /// <summary>
        /// The typed result (every block, and the ones without a property in <see cref="PreRecordedResult.OtherFields"/>).
        /// Hidden, as its fields are the properties above: Export-Csv leaves it out; <c>$r.Result</c> reads it.
        /// </summary>
        [Hidden]
        public PreRecordedResult? Result => Job.Result;

        /// <summary>The job as the server sent it (JSON). Hidden, so Export-Csv and Format-List * leave it out; <c>$r.Raw</c> reads it.</summary>
        [Hidden]
        public string Raw => Job.Raw;

        public override string ToString() => Id + " " + Status;
    }
}
