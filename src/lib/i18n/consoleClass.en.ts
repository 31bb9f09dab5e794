import type { ConsoleClassMessages } from './consoleClass.ko.types';
import { consoleClassKo } from './consoleClass.ko';

/** The console's class enrollment page, English; mirrors consoleClass.ko.ts. */
export const consoleClassEn: ConsoleClassMessages = {
	classTitle: 'Enroll a class',
	classLead: (maxRows: number, maxKiB: number) =>
		`Upload the class list as CSV (traineeId,name,phone) and every trainee gets an enrollment link, QR code and code at once. Excel's "CSV UTF-8" and plain "CSV" (CP949) both work. Up to ${maxRows.toLocaleString('en')} trainees and ${maxKiB} KB per upload.`,
	classFormat: 'The first row names the columns: traineeId,name,phone (훈련생ID, 이름, 전화번호 work too). Other columns are ignored.',
	classFile: 'Class list (CSV file)',
	classSubmit: 'Check and issue',
	classAllOrNone: 'Every row is checked first. If any row is wrong, nothing is issued.',
	classProblemsTitle: (n: number) => `${n.toLocaleString('en')} ${n === 1 ? 'thing needs' : 'things need'} fixing. Nothing was issued.`,
	classProblemsLead: 'Fix the file and upload it again. Row numbers are the ones Excel shows (the first row is row 1).',
	classRow: (row: number) => `Row ${row}`,
	classFileWide: 'Whole file',
	classColumn: { traineeId: 'Trainee ID', name: 'Name', phone: 'Phone' },
	classProblem: {
		'too-large': (maxKiB?: number) => `The file is too large. Up to ${maxKiB} KB.`,
		empty: () => 'There are no trainee rows.',
		spreadsheet: () => 'This is an Excel workbook (.xlsx/.xls). In Excel, choose Save As → CSV and upload that.',
		binary: () => 'This is not a text file. Upload a CSV file.',
		encoding: () => 'The text encoding cannot be read. Save as UTF-8 or CP949 (Excel’s CSV).',
		malformed: () => 'A double quote (") is not closed.',
		header: () => 'The first row must name the columns traineeId,name,phone.',
		'too-many-rows': (maxRows?: number) => `Up to ${maxRows?.toLocaleString('en')} trainees per upload. Split the file.`,
		missing: () => 'Empty.',
		duplicate: (firstRow?: number) => `Same trainee ID as row ${firstRow}.`
	},
	classInvalid: {
		traineeId: 'Must be 1–64 characters of A–Z, a–z, 0–9, . _ -',
		name: 'Must be 1–50 characters, with no leading or trailing spaces or line breaks.',
		phone: 'Must have 10–11 digits (e.g. 010-1234-5678).'
	},
	classReissueTitle: (n: number) => `${n.toLocaleString('en')} ${n === 1 ? 'trainee is' : 'trainees are'} already enrolled on a device`,
	classReissueLead: 'If you issue anyway, the moment these trainees enroll with the new link, the OTP on their current device stops being accepted. Until then their current device keeps working.',
	classReissueConfirm: (n: number) => `Replace ${n.toLocaleString('en')} ${n === 1 ? 'device' : 'devices'} and issue all`,
	classReissueCancel: 'Cancel and upload again',
	classReissueNothing: 'Nothing has been issued yet.',
	classIssuedTitle: (n: number) => `Issued to ${n.toLocaleString('en')} ${n === 1 ? 'trainee' : 'trainees'}`,
	classIssuedOnce: 'Once you leave this page the links and codes cannot be shown again. Print them or download the CSV now.',
	classIssuedReplaced: (n: number) => `${n.toLocaleString('en')} of them lose their current device when they enroll with the new link.`,
	classPrint: 'Print enrollment sheets',
	classDownload: 'Download result CSV',
	classDownloadHint: 'traineeId,name,phone,enrollUrl,enrollCode,expiresAt — ready for KakaoTalk notification or SMS services.',
	classAnother: 'Upload another class',
	// The printed card stays Korean: it goes to trainees.
	cardCode: consoleClassKo.cardCode,
	cardExpires: consoleClassKo.cardExpires,
	cardHowTo1: consoleClassKo.cardHowTo1,
	cardHowTo2: consoleClassKo.cardHowTo2,
	cardQrAlt: consoleClassKo.cardQrAlt
};
