/**
 * The 100 most common 6-digit PINs, most common first: the first 100 entries of exactly six
 * ASCII digits in `Passwords/Common-Credentials/10-million-password-list-top-10000.txt` of
 * SecLists (github.com/danielmiessler/SecLists, MIT licence), which orders Mark Burnett's
 * 10 million passwords (published 2015) by frequency. docs/decisions.md, "Common PINs: a warning
 * and a second confirmation", says why they are warned about and not refused.
 *
 * A PIN list from Korean users would be better (birthdays as YYMMDD are likely common there);
 * none is published that we could find, and this one already starts with the PINs a thief
 * tries first (123456, 111111, 000000, 654321, …).
 */
export const COMMON_PINS: readonly string[] = Object.freeze([
	'123456', '111111', '123123', '696969', '666666', '123321', '654321', '121212', '000000', '112233',
	'555555', '131313', '777777', '159753', '222222', '123654', '987654', '999999', '333333', '232323',
	'888888', '159357', '789456', '101010', '444444', '212121', '102030', '252525', '315475', '007007',
	'111222', '147147', '147258', '010203', '147852', '420420', '242424', '123789', '098765', '141414',
	'202020', '852456', '159951', '134679', '151515', '456789', '124578', '135790', '010101', '171717',
	'142536', '454545', '323232', '741852', '456123', '666999', '321321', '246810', '753951', '314159',
	'181818', '321654', '141627', '456456', '565656', '272727', '343434', '363636', '951753', '191919',
	'424242', '911911', '112358', '555666', '909090', '121314', '787878', '012345', '090909', '505050',
	'159159', '789789', '456852', '262626', '123098', '258456', '161616', '898989', '303030', '102938',
	'123987', '445566', '234567', '545454', '987456', '456654', '753159', '223344', '313131', '353535'
]);

const SET = new Set(COMMON_PINS);

/**
 * Whether a PIN is among the 100 most common: a thief tries those first, and a storage copier
 * tries them first among the candidates its offline search leaves (docs/threat-model.md).
 * @param pin - 6 ASCII digits
 */
export function isCommonPin(pin: string): boolean {
	return SET.has(pin);
}
