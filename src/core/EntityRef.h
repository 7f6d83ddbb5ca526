#pragma once

#include "EntityType.h"

#include <QHashFunctions>
#include <QMetaType>
#include <QString>

#include <optional>

// Identifies one accounting record: its type and its key (invoice number, customer code, ...).
struct EntityRef
{
    EntityType type = EntityType::Inbox;
    QString id;

    // "invoices/4455", as attache-cli writes it.
    QString toString() const;
    // Parses "invoices/4455" (or "Invoices/4455"). The id may not contain a slash.
    static std::optional<EntityRef> fromString(const QString& text);

    friend bool operator==(const EntityRef& a, const EntityRef& b) { return a.type == b.type && a.id == b.id; }
    friend bool operator!=(const EntityRef& a, const EntityRef& b) { return !(a == b); }
};

inline size_t qHash(const EntityRef& ref, size_t seed = 0)
{
    return qHashMulti(seed, static_cast<int>(ref.type), ref.id);
}

Q_DECLARE_METATYPE(EntityRef)
