// The family's appointments in "download my data", and gone with their account — with the notes
// their volunteer got about them. Both read by the family's id: rare requests, where a scan of the
// collection (FerretDB has no index on familyId) buys certainty that nothing is left behind.
import { registerPersonalData } from '../privacy/personalData.ts';
import { dropList } from '../db/idLists.ts';
import { Appointment } from './appointment.model.ts';
import { forgetAppointment } from './appointmentStore.ts';

registerPersonalData({
  name: 'appointments',
  export: (person) =>
    Appointment.find({ familyId: person._id }, { familyId: 0 }).sort({ startsAt: 1 }).lean(),
  erase: async (person) => {
    const mine = await Appointment.find({ familyId: person._id }, { familyId: 1 }).lean();
    for (const appointment of mine) await forgetAppointment(appointment);
    await dropList('appointments-of', person._id);
  },
});
