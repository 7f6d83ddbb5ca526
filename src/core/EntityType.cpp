#include "EntityType.h"

#include <QCoreApplication>

namespace EntityTypes {

QList<EntityType> standard()
{
    return { EntityType::Quotes,    EntityType::Invoices,     EntityType::Purchases,
             EntityType::Customers, EntityType::BankAccounts, EntityType::Inbox };
}

QList<EntityType> all()
{
    return standard() + QList<EntityType> { EntityType::Vouchers, EntityType::Archive, EntityType::SupplierInvoices };
}

QString folderName(EntityType type)
{
    switch (type) {
    case EntityType::Quotes:
        return QStringLiteral("Quotes");
    case EntityType::Invoices:
        return QStringLiteral("Invoices");
    case EntityType::Purchases:
        return QStringLiteral("Purchases");
    case EntityType::Customers:
        return QStringLiteral("Customers");
    case EntityType::BankAccounts:
        return QStringLiteral("BankAccounts");
    case EntityType::Inbox:
        return QStringLiteral("Inbox");
    case EntityType::Vouchers:
        return QStringLiteral("Vouchers");
    case EntityType::Archive:
        return QStringLiteral("Archive");
    case EntityType::SupplierInvoices:
        return QStringLiteral("SupplierInvoices");
    }
    Q_UNREACHABLE();
}

QString urlName(EntityType type)
{
    return folderName(type).toLower();
}

std::optional<EntityType> fromName(const QString& name)
{
    for (EntityType type : all()) {
        if (name.compare(folderName(type), Qt::CaseInsensitive) == 0)
            return type;
    }
    return std::nullopt;
}

QString displayName(EntityType type)
{
    switch (type) {
    case EntityType::Quotes:
        return QCoreApplication::translate("EntityType", "Quotes");
    case EntityType::Invoices:
        return QCoreApplication::translate("EntityType", "Invoices");
    case EntityType::Purchases:
        return QCoreApplication::translate("EntityType", "Purchases");
    case EntityType::Customers:
        return QCoreApplication::translate("EntityType", "Customers");
    case EntityType::BankAccounts:
        return QCoreApplication::translate("EntityType", "Bank accounts");
    case EntityType::Inbox:
        return QCoreApplication::translate("EntityType", "Inbox");
    case EntityType::Vouchers:
        return QCoreApplication::translate("EntityType", "Vouchers");
    case EntityType::Archive:
        return QCoreApplication::translate("EntityType", "Archive");
    case EntityType::SupplierInvoices:
        return QCoreApplication::translate("EntityType", "Supplier invoices");
    }
    Q_UNREACHABLE();
}

QString keyLabel(EntityType type)
{
    switch (type) {
    case EntityType::Quotes:
        return QCoreApplication::translate("EntityType", "Quote number");
    case EntityType::Invoices:
        return QCoreApplication::translate("EntityType", "Invoice number");
    case EntityType::Purchases:
        return QCoreApplication::translate("EntityType", "Purchase number");
    case EntityType::Customers:
        return QCoreApplication::translate("EntityType", "Customer code");
    case EntityType::BankAccounts:
        return QCoreApplication::translate("EntityType", "Bank account name");
    case EntityType::Inbox:
    case EntityType::Archive:
        return QCoreApplication::translate("EntityType", "Folder name");
    case EntityType::Vouchers:
        return QCoreApplication::translate("EntityType", "Voucher");
    case EntityType::SupplierInvoices:
        return QCoreApplication::translate("EntityType", "Supplier invoice number");
    }
    Q_UNREACHABLE();
}

QString entityTitle(EntityType type, const QString& id, Wording wording)
{
    struct Text
    {
        const char* source;
        const char* comment;
    };
    // In the order of EntityType. The same English twice: the second is the title inside a sentence, which some
    // languages write in lower case (Swedish "6 dokument på faktura 4455").
    static const Text texts[][2] = {
        { { QT_TRANSLATE_NOOP("EntityType", "Quote %1"), nullptr },
          QT_TRANSLATE_NOOP3("EntityType", "Quote %1", "in a sentence") },
        { { QT_TRANSLATE_NOOP("EntityType", "Invoice %1"), nullptr },
          QT_TRANSLATE_NOOP3("EntityType", "Invoice %1", "in a sentence") },
        { { QT_TRANSLATE_NOOP("EntityType", "Purchase %1"), nullptr },
          QT_TRANSLATE_NOOP3("EntityType", "Purchase %1", "in a sentence") },
        { { QT_TRANSLATE_NOOP("EntityType", "Customer %1"), nullptr },
          QT_TRANSLATE_NOOP3("EntityType", "Customer %1", "in a sentence") },
        { { QT_TRANSLATE_NOOP("EntityType", "Bank account %1"), nullptr },
          QT_TRANSLATE_NOOP3("EntityType", "Bank account %1", "in a sentence") },
        { { QT_TRANSLATE_NOOP("EntityType", "Inbox folder %1"), nullptr },
          QT_TRANSLATE_NOOP3("EntityType", "Inbox folder %1", "in a sentence") },
        { { QT_TRANSLATE_NOOP("EntityType", "Voucher %1"), nullptr },
          QT_TRANSLATE_NOOP3("EntityType", "Voucher %1", "in a sentence") },
        { { QT_TRANSLATE_NOOP("EntityType", "Archive folder %1"), nullptr },
          QT_TRANSLATE_NOOP3("EntityType", "Archive folder %1", "in a sentence") },
        { { QT_TRANSLATE_NOOP("EntityType", "Supplier invoice %1"), nullptr },
          QT_TRANSLATE_NOOP3("EntityType", "Supplier invoice %1", "in a sentence") },
    };
    static_assert(std::size(texts) == static_cast<size_t>(EntityType::SupplierInvoices) + 1);
    const Text& text = texts[static_cast<int>(type)][wording == Wording::InSentence ? 1 : 0];
    return QCoreApplication::translate("EntityType", text.source, text.comment).arg(id);
}

} // namespace EntityTypes
