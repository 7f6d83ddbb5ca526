#pragma once

#include "AttachmentRef.h"
#include "ExistingFile.h"
#include "StoreReply.h"

#include <QFlags>
#include <QObject>
#include <QSize>

#include <optional>

// Where documents live: the local folder, Dropbox, KashFlow or Fortnox. Every operation is asynchronous
// and returns a StoreReply at once; the caller owns it. Nothing here blocks the calling thread.
class Store : public QObject
{
    Q_OBJECT

public:
    enum class Operation {
        ListEntities = 0x01,
        CreateEntity = 0x02,
        ListAttachments = 0x04,
        Upload = 0x08,
        Download = 0x10,
        Delete = 0x20,
        Thumbnail = 0x40,
        Move = 0x80,
        Rename = 0x100,
    };
    Q_DECLARE_FLAGS(Operations, Operation)
    Q_FLAG(Operations)

    using QObject::QObject;

    // "local:/home/anna/Documents/Attaché", as attache-cli's --store takes it.
    virtual QString uri() const = 0;
    // The uri and the account connected to it, "dropbox:/Accounting#dbid:AAH4f99": what the transfer journal's work
    // and the cache's listings belong to, so that another account connected under the same uri meets none of it.
    // The uri itself where it names the account already.
    virtual QString accountUri() const { return uri(); }
    // For the window's title and status bar.
    virtual QString displayName() const = 0;
    virtual Operations supportedOperations() const = 0;
    bool supports(Operation operation) const { return supportedOperations().testFlag(operation); }

    // The types of record this store keeps: fixed for a store, so known without asking it. All of them unless
    // the store says otherwise.
    virtual QList<EntityType> entityTypes() const;
    // Entities with their attachment counts.
    virtual StoreReply* listEntities(EntityType type) = 0;
    virtual StoreReply* createEntity(const EntityRef& entity) = 0;
    virtual StoreReply* listAttachments(const EntityRef& entity) = 0;
    // Uploads a local file under the given name; a name already taken gets the store's numbered name.
    // The reply's attachment() is what the store confirmed. resumeState is the last checkpoint of an
    // interrupted upload of the same file, from which a store that can resume carries on; empty to start.
    virtual StoreReply* upload(const QString& localPath, const EntityRef& target, const QString& name,
                               const QByteArray& resumeState)
        = 0;
    StoreReply* upload(const QString& localPath, const EntityRef& target, const QString& name)
    {
        return upload(localPath, target, name, {});
    }
    // Downloads to localPath, replacing what is there (if `existing` allows) only once the whole file has arrived.
    // resumeState is the last checkpoint of an interrupted download to the same path, from which a store that can
    // resume carries on; empty to start.
    virtual StoreReply* download(const AttachmentRef& attachment, const QString& localPath,
                                 const QByteArray& resumeState, ExistingFile existing)
        = 0;
    StoreReply* download(const AttachmentRef& attachment, const QString& localPath)
    {
        return download(attachment, localPath, {}, ExistingFile::Replace);
    }
    // With expectedContentHash, deletes only that content: a document someone changed since is kept, and the
    // reply fails with Changed.
    virtual StoreReply* remove(const AttachmentRef& attachment, const QString& expectedContentHash) = 0;
    StoreReply* remove(const AttachmentRef& attachment) { return remove(attachment, {}); }
    // An encoded image no larger than size, in the reply's data().
    virtual StoreReply* thumbnail(const AttachmentRef& attachment, const QSize& size) = 0;
    // Files an attachment on another entity (from the Inbox, typically); the reply's attachment() is the result.
    virtual StoreReply* move(const AttachmentRef& attachment, const EntityRef& target) = 0;
    // Gives an attachment another name on its entity; a name already taken is refused (AlreadyExists), never
    // numbered: the user chose it. The reply's attachment() is the result.
    virtual StoreReply* rename(const AttachmentRef& attachment, const QString& newName);

    // Change detection. A store that learns of changes made elsewhere (a colleague's upload, a file removed in
    // the file manager) reports them through changed() from now on and returns true; state is what it last
    // gave through watchStateChanged(), so that what changed while the app was closed is reported too.
    // Stores that cannot return false, and are polled.
    virtual bool startWatching(const QByteArray& state);

    // The file on this machine for stores that keep one, so that the window can render thumbnails and
    // hand files to the file manager without a download; empty for remote stores.
    virtual QString localFilePath(const AttachmentRef& attachment) const;

    // The entity an upload to target passes through on its way, where an attempt whose answer was lost may have
    // left it halfway; none where uploads go straight to their entity.
    virtual std::optional<EntityRef> uploadWaypoint(const EntityRef& target) const;

    // What becomes of a deleted document, as the delete confirmation tells the user: whether there is a way back.
    virtual QString deletionNote() const;

signals:
    // Types whose entities changed and entities whose attachments did; after a reset, every type.
    void changed(const QList<EntityType>& types, const QList<EntityRef>& entities);
    void watchStateChanged(const QByteArray& state);

protected:
    // Why a delete left a document alone.
    static QString changedSinceChosen(const QString& name);
    // A reply that has already failed with Unsupported, for operations a store lacks; message says, in a whole
    // sentence (one a translator can word freely), what the store cannot do.
    StoreReply* unsupported(const QString& message);
};

Q_DECLARE_OPERATORS_FOR_FLAGS(Store::Operations)
