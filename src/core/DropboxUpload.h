#pragma once

#include "ContentHasher.h"
#include "DropboxTransfer.h"
#include "HttpRequest.h"

#include <QDateTime>
#include <QFutureWatcher>
#include <QHash>
#include <QJsonObject>
#include <QMap>
#include <QObject>
#include <QPointer>

#include <algorithm>

class HttpCall;
class HttpResponse;
class QNetworkAccessManager;
class RequestAuthenticator;

// One file sent to Dropbox, on the network thread. Up to the 150 MiB single-request limit it is one
// files/upload; anything larger goes through an upload session: an empty start, then appends of chunks
// that are multiples of 4 MiB, each read from disk as it is sent while the next one is hashed, the last
// one closing the session, then an empty finish. A concurrent session (the default) has several appends
// in flight, because one Qt connection sends at most about 180 MiB/s; a sequential one (one chunk at a
// time) resumes from the offset Dropbox reports after incorrect_offset. Every request carries the
// content_hash of its own bytes, and the result counts only when Dropbox's content_hash of the whole file
// matches this machine's.
class DropboxUpload : public DropboxTransfer
{
    Q_OBJECT

public:
    static constexpr qint64 SingleRequestLimit = 150 * 1024 * 1024;
    static constexpr qint64 DefaultChunkSize = 32 * 1024 * 1024;
    static constexpr int DefaultParallelChunks = 3;

    DropboxUpload(QNetworkAccessManager* network, RequestAuthenticator* authenticator,
                  const DropboxEndpoints& endpoints, const QString& localPath, const QString& remotePath,
                  QObject* parent = nullptr);
    ~DropboxUpload() override;

    // For tests, which cannot afford 150 MiB files: a session chunk is a multiple of 4 MiB.
    void setChunkSize(qint64 bytes) { m_chunkSize = bytes; }
    void setSingleRequestLimit(qint64 bytes) { m_singleRequestLimit = bytes; }
    // More than one makes a concurrent session.
    void setParallelChunks(int chunks) { m_parallelChunks = std::max(1, chunks); }
    // Its checkpoints hold where a session stands: its id and the chunks Dropbox confirmed. One of a file or a
    // chunking that has changed since is ignored; a session Dropbox no longer knows starts again.
    void start() override;
    void abort() override;

private:
    struct ChunkHash
    {
        qint64 offset = 0;
        qint64 length = 0;
        QString hash;
        // The chunk's 4 MiB block digests, which also make up the whole file's hash.
        QByteArray blockDigests;
        QString error;
    };
    struct Append
    {
        QPointer<HttpCall> call;
        qint64 sent = 0;
    };

    bool resume();
    void restartSession();
    void reportCheckpoint();
    void hash(qint64 offset, qint64 length);
    void onHashed();
    void startSession();
    void proceed();
    void sendSingle(const ChunkHash& whole);
    void sendAppend(const ChunkHash& chunk);
    void onAppended(const ChunkHash& chunk, const HttpResponse& response, int attempts);
    void confirm(const ChunkHash& chunk);
    void resumeAt(qint64 offset);
    void finishSession();
    // Sends a call whose answer is the committed file's metadata. A retried finish that finds its session
    // gone (the first attempt committed) is confirmed by the file's metadata.
    void startCommit(HttpCall* call, bool confirmIfSessionGone = false);
    // byName: the metadata is of whatever holds the upload's name, which is not the upload when other content.
    void verifyCommitted(const QJsonObject& metadata, bool byName = false);
    void compareWholeHash(const QJsonObject& metadata, bool byName);
    void confirmByMetadata();
    // The finish found its session gone, and the upload is not under its name.
    void notUnderItsName();
    HttpCall* newCall(const QString& route, const QJsonObject& arg, qint64 offset, qint64 length);
    QJsonObject cursor(qint64 offset) const;
    QJsonObject commitInfo() const;
    void reportProgress();
    void fail(StoreReply::Error error, const QString& message);
    void failWith(const HttpResponse& response);
    QString displayName() const;
    bool isConcurrent() const { return m_parallelChunks > 1; }

    qint64 m_chunkSize = DefaultChunkSize;
    qint64 m_singleRequestLimit = SingleRequestLimit;
    int m_parallelChunks = DefaultParallelChunks;
    qint64 m_size = 0;
    QDateTime m_modified;
    QString m_sessionId;
    // The session came from a checkpoint; it may have expired, or been finished before the crash.
    bool m_resumed = false;
    // Appends of a session given up are ignored when they answer.
    int m_sessionGeneration = 0;
    // Confirmed by Dropbox: every byte before m_offset, and the chunks after it (offset to length).
    qint64 m_offset = 0;
    QMap<qint64, qint64> m_confirmedAhead;
    // The whole file's hash, built from the chunks' block digests as long as they come in order.
    ContentHasher m_wholeHasher;
    qint64 m_wholeHashedUpTo = 0;
    QString m_wholeHash;
    QFutureWatcher<ChunkHash> m_hashing;
    qint64 m_hashingOffset = -1;
    // The session generation the chunk being hashed was read for.
    int m_hashingGeneration = 0;
    qint64 m_nextHashOffset = 0;
    // Hashed and waiting for a free place among the appends in flight.
    QList<ChunkHash> m_ready;
    QHash<qint64, Append> m_appends;
    bool m_finishing = false;
    // The finish was sent more than once: an earlier one whose answer was lost may have stored the upload.
    bool m_finishRepeated = false;
    bool m_done = false;
    // The start, single upload, finish or metadata call in flight.
    QPointer<HttpCall> m_call;
};
