#pragma once

#include "Attachment.h"
#include "Entity.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QUrl>

#include <atomic>
#include <memory>

// The answer to one asynchronous store operation, in the manner of QNetworkReply: it reports
// progress, then finished() once, with either an error or the operation's result. The caller owns it
// and deletes it (deleteLater) after finished().
class StoreReply : public QObject
{
    Q_OBJECT

public:
    enum class Error {
        None,
        NotFound,
        AlreadyExists,
        InvalidName,
        PermissionDenied,
        DiskFull,
        TooLarge,
        Unsupported,
        Cancelled,
        Network,
        Io,
        // The account must sign in again: the server no longer accepts its credentials.
        SignedOut,
        // What arrived does not match what the server says it holds.
        Corrupted,
        // The server failed, or was busy, in a way that may pass: worth trying again later.
        Server,
        // The server refused the request for a reason the other errors do not name, and would refuse it again.
        Refused,
        // The document is no longer the one the request was about (someone changed it); it was left alone.
        Changed,
    };
    Q_ENUM(Error)

    explicit StoreReply(QObject* parent = nullptr);

    bool isFinished() const { return m_finished; }
    Error error() const { return m_error; }
    QString errorString() const { return m_errorString; }

    // Asks the operation to stop; it finishes soon after with Error::Cancelled unless it had already completed.
    void abort();
    // Shared with worker threads, which poll it between chunks.
    std::shared_ptr<std::atomic_bool> cancelFlag() const { return m_cancelled; }

    QList<EntityType> entityTypes() const { return m_entityTypes; }
    QList<Entity> entities() const { return m_entities; }
    QList<Attachment> attachments() const { return m_attachments; }
    // The attachment an upload or move produced (with the name it finally got).
    Attachment attachment() const { return m_attachments.value(0); }
    // An encoded image, for thumbnail().
    QByteArray data() const { return m_data; }
    // A web page the operation produced for the user to open (where to connect KashFlow to Dropbox).
    QUrl link() const { return m_link; }

    // For store implementations.
    void setEntityTypes(const QList<EntityType>& types) { m_entityTypes = types; }
    void setEntities(const QList<Entity>& entities) { m_entities = entities; }
    void setAttachments(const QList<Attachment>& attachments) { m_attachments = attachments; }
    void setData(const QByteArray& data) { m_data = data; }
    void setLink(const QUrl& link) { m_link = link; }
    void reportProgress(qint64 done, qint64 total);
    // Where the operation could carry on if it were interrupted now (an upload session and the bytes
    // Dropbox confirmed), in a form only the store reads; the transfer journal keeps the latest.
    void reportCheckpoint(const QByteArray& state);
    void finishWithSuccess();
    void finishWithError(Error error, const QString& message);
    // A reply that fails on the next turn of the event loop, so that the caller can connect first.
    static StoreReply* failing(Error error, const QString& message);

signals:
    void progress(qint64 done, qint64 total);
    void checkpoint(const QByteArray& state);
    void finished();
    void abortRequested();

private:
    std::shared_ptr<std::atomic_bool> m_cancelled = std::make_shared<std::atomic_bool>(false);
    bool m_finished = false;
    Error m_error = Error::None;
    QString m_errorString;
    QList<EntityType> m_entityTypes;
    QList<Entity> m_entities;
    QList<Attachment> m_attachments;
    QByteArray m_data;
    QUrl m_link;
};
