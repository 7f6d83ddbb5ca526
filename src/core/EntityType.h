#pragma once

#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>

// The kinds of accounting record that documents are attached to, as KashFlow's files API names them, plus the
// Inbox, whose "entities" are folders of documents not filed yet, and what Fortnox adds: vouchers, the folders of
// its archive, and its supplier invoices. New types go at the end: the cache keeps types by their number.
enum class EntityType {
    Quotes,
    Invoices,
    Purchases,
    Customers,
    BankAccounts,
    Inbox,
    Vouchers,
    Archive,
    SupplierInvoices
};

namespace EntityTypes {

QList<EntityType> all();
// The types a store keeps unless it says otherwise: KashFlow's five and the Inbox.
QList<EntityType> standard();
// "Invoices": the folder name in a store, as in KashFlow's Dropbox layout (/Invoices/4455/).
QString folderName(EntityType type);
// "invoices": the name in KashFlow URLs and on the attache-cli command line.
QString urlName(EntityType type);
// Accepts the URL name or the folder name, in any case.
std::optional<EntityType> fromName(const QString& name);
// Translated, for the window.
QString displayName(EntityType type);
// The key that identifies one entity of the type ("Invoice number"), translated.
QString keyLabel(EntityType type);
// Where a title stands: on its own or first (a window title, "Invoice 4455 does not exist."), or inside a sentence
// ("6 documents on Invoice 4455"), where some languages write it in lower case.
enum class Wording { Title, InSentence };
// "Invoice 4455", translated.
QString entityTitle(EntityType type, const QString& id, Wording wording = Wording::Title);

} // namespace EntityTypes

Q_DECLARE_METATYPE(EntityType)
