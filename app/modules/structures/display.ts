// How a structure's identifiers read on its page: grouped for the eye, stored unchanged (digits only). Pure.

const NBSP = '\u00a0'

/**
 * « 03 21 00 00 00 » for a French number stored as digits (0321000000, +33321000000 or 0033321000000); anything else
 * is shown as stored. Non-breaking spaces: a number never wraps over two lines.
 */
export function formatPhoneFr(phone: string): string {
  const national = toNational(phone)
  return national ? (national.match(/\d{2}/g) ?? []).join(NBSP) : phone
}

/** The tel: address of a French number, in the international form (tel:+33321000000). */
export function phoneHref(phone: string): string {
  const national = toNational(phone)
  return national ? `tel:+33${national.slice(1)}` : `tel:${phone.replace(/[^\d+]/g, '')}`
}

function toNational(phone: string): string | null {
  const digits = phone.replace(/[\s.\-\u00a0()]/g, '')
  const match = /^(?:\+33|0033|0)([1-9]\d{8})$/.exec(digits)
  return match ? `0${match[1]}` : null
}

/** « 123 456 782 00002 »: the SIREN in threes, then the establishment's five-digit number (NIC). */
export function formatSiret(siret: string): string {
  return /^\d{14}$/.test(siret) ? [siret.slice(0, 3), siret.slice(3, 6), siret.slice(6, 9), siret.slice(9)].join(NBSP) : siret
}
