#pragma once

#include "EntityRef.h"

// Identifies one attachment: the entity it belongs to and its file name there.
struct AttachmentRef
{
    EntityRef entity;
    QString name;

    // "invoices/4455/receipt.pdf"
    QString toString() const;
    static std::optional<AttachmentRef> fromString(const QString& text);

    friend bool operator==(const AttachmentRef& a, const AttachmentRef& b)
    {
        return a.entity == b.entity && a.name == b.name;
    }
    friend bool operator!=(const AttachmentRef& a, const AttachmentRef& b) { return !(a == b); }
};

inline size_t qHash(const AttachmentRef& ref, size_t seed = 0)
{
    return qHashMulti(seed, ref.entity, ref.name);
}

Q_DECLARE_METATYPE(AttachmentRef)
