// Synthetic names and places for demo data: common UK names across communities, Stevenage
// streets and postcodes. No real people.
export const firstNames = [
  'Oliver', 'Jack', 'Harry', 'George', 'Noah', 'Charlie', 'Jacob', 'Alfie', 'Freddie', 'Oscar', 'Leo', 'Archie', 'Thomas', 'James', 'Daniel',
  'Liam', 'Connor', 'Kyle', 'Ryan', 'Callum', 'Jordan', 'Mohammed', 'Muhammad', 'Ahmed', 'Ali', 'Hassan', 'Bilal', 'Imran', 'Arjun', 'Ravi',
  'Sanjay', 'Kwame', 'Kofi', 'Chinedu', 'Tunde', 'Emeka', 'Marcus', 'Andre', 'Tyrone', 'Jamal', 'Piotr', 'Tomasz', 'Marek', 'Andrei', 'Ionut',
  'Olivia', 'Amelia', 'Isla', 'Ava', 'Emily', 'Sophie', 'Grace', 'Chloe', 'Jessica', 'Megan', 'Lauren', 'Amber', 'Shannon', 'Paige', 'Demi',
  'Aisha', 'Fatima', 'Zainab', 'Maryam', 'Priya', 'Anjali', 'Sunita', 'Ngozi', 'Adaeze', 'Chiamaka', 'Keisha', 'Shanice', 'Agnieszka', 'Katarzyna',
  'Ioana', 'Elena', 'Siobhan', 'Niamh', 'Kerry', 'Donna', 'Tracey', 'Michelle', 'Stephen', 'Paul', 'Mark', 'Gary', 'Lee', 'Dean', 'Wayne',
];
export const lastNames = [
  'Smith', 'Jones', 'Williams', 'Taylor', 'Brown', 'Davies', 'Evans', 'Wilson', 'Thomas', 'Johnson', 'Roberts', 'Robinson', 'Thompson', 'Wright',
  'Walker', 'White', 'Edwards', 'Hughes', 'Green', 'Hall', 'Lewis', 'Harris', 'Clarke', 'Patel', 'Jackson', 'Wood', 'Turner', 'Martin', 'Cooper',
  'Hill', 'Ward', 'Morris', 'Moore', 'Clark', 'Lee', 'King', 'Baker', 'Harrison', 'Morgan', 'Allen', 'James', 'Scott', 'Phillips', 'Watson',
  'Khan', 'Hussain', 'Ahmed', 'Ali', 'Begum', 'Shah', 'Singh', 'Kaur', 'Sharma', 'Okafor', 'Adeyemi', 'Mensah', 'Owusu', 'Campbell', 'Francis',
  'Nowak', 'Kowalski', 'Wisniewski', 'Popescu', 'Ionescu', "O'Brien", "O'Connor", 'Murphy', 'Kelly', 'McCarthy', 'Fitzgerald', 'Da Silva',
  'Costa', 'Nguyen', 'Chen', 'Wong', 'Abdi', 'Mohamed', 'Yusuf', 'Bennett', 'Gray', 'Price', 'Bell', 'Kent', 'Shaw', 'Mills', 'Holmes',
];
export const streets = [
  'Fairlands Way', 'Bedwell Crescent', 'Shephall View', 'Broadwater Crescent', 'Chells Way', 'Pin Green Road', 'Symonds Green Lane',
  'Canterbury Way', 'Ripon Road', 'Grace Way', 'Hertford Road', 'Marymead Drive', 'Bandley Hill', 'Sish Lane', 'Magpie Crescent',
  'Filey Close', 'Kenilworth Close', 'Ashdown Road', 'Oaks Cross', 'Valley Way', 'Scarborough Avenue', 'Webb Rise', 'Longmeadow',
];
/** Outward codes with rough weights: mostly Stevenage (SG1, SG2), a few borderers and outsiders. */
export const districts: ReadonlyArray<readonly [string, number]> = [
  ['SG1', 46], ['SG2', 40], ['SG3', 4], ['SG4', 5], ['LU2', 2], ['AL1', 1], ['SG5', 2],
];
export const towns: Record<string, string> = { SG1: 'Stevenage', SG2: 'Stevenage', SG3: 'Knebworth', SG4: 'Hitchin', SG5: 'Hitchin', LU2: 'Luton', AL1: 'St Albans' };
