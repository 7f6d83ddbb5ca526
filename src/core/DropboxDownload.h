#pragma once

#include "DropboxTransfer.h"
#include "ExistingFile.h"

#include <QJsonObject>
#include <QObject>
#include <QPointer>

#include <memory>

class DownloadFile;
class HttpCall;
class QIODevice;
class QNetworkAccessManager;
class RequestAuthenticator;
struct HttpRequest;
struct HttpResponse;

// One file fetched from Dropbox on the network thread, into a DownloadFile beside its target, which it replaces
// only when Dropbox's content_hash matches the whole file. It carries on from what has arrived: a retry after a
// dropped connection asks only for the rest (a Range), and so does a download given the checkpoint of an
// interrupted one (its partial file, the bytes written to it and the revision they are of), as long as Dropbox
// still holds that revision. Anything else starts from nothing: another revision, a checkpoint of another
// target, a partial file gone or shorter than the checkpoint says. Local paths come from the caller only, never
// from what Dropbox or a checkpoint names.
class DropboxDownload : public DropboxTransfer
{
    Q_OBJECT

public:
    // The most bytes written between two checkpoints while the file arrives; an answer that breaks off gives one
    // more.
    static constexpr qint64 CheckpointStep = 8 * 1024 * 1024;

    DropboxDownload(QNetworkAccessManager* network, RequestAuthenticator* authenticator,
                    const DropboxEndpoints& endpoints, const QString& remotePath, const QString& localPath,
                    ExistingFile existing, QObject* parent = nullptr);
    ~DropboxDownload() override;

    // Its checkpoints hold the partial file, the bytes in it and their revision.
    void start() override;
    void abort() override;

private:
    // Takes up the checkpoint given, when it is one of this download that its partial file still bears out.
    void resumeFromCheckpoint();
    void send();
    void prepare(HttpRequest& request);
    QString begin(const HttpResponse& head);
    QString write(QIODevice& body);
    void onFinished(const HttpResponse& response);
    void startOver();
    void reportCheckpoint(qint64 offset);
    void complete(const HttpResponse& response);
    void fail(StoreReply::Error error, const QString& message);
    QString displayName() const;

    const ExistingFile m_existing;
    std::unique_ptr<DownloadFile> m_file;
    // The bytes the partial file holds or has queued, of revision m_rev: where the next answer's body belongs.
    qint64 m_offset = 0;
    QString m_rev;
    // Where the current answer's body starts in the file.
    qint64 m_answerOffset = 0;
    qint64 m_checkpointed = 0;
    // Set by the body sink: this computer's disk failed, not Dropbox.
    QString m_diskError;
    // The answer does not continue the bytes kept (another revision or range).
    bool m_notContinued = false;
    bool m_done = false;
    QPointer<HttpCall> m_call;
};
